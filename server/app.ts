import crypto from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './platform/logging.js';
import { SystemClock, type Clock } from './platform/clock.js';
import { Metrics } from './platform/metrics.js';
import { runInRequestScope } from './platform/http/request-scope.js';
import { ApiRegistry } from './platform/http/api-registry.js';
import { errorHandler, routeNotFound } from './platform/http/error-handler.js';
import { buildOpenApi } from './platform/http/openapi.js';
import { databaseReachable } from './platform/db/connect.js';
import { authorize, registerUserRoutes, userNames } from './auth/index.js';
import { recordAudit, registerAuditRoutes } from './audit/index.js';
import { registerCaseRoutes, recomputePayerDeadlines } from './cases/index.js';
import { registerDeadlineRoutes } from './deadlines/deadline.routes.js';
import { registerPayerRoutes } from './payers/index.js';
import { foreignDocuments, registerEvidenceRoutes } from './evidence/index.js';
import { registerGuidelineRoutes } from './guidelines/index.js';
import { registerPacketRoutes, LetterTemplateCache } from './packets/index.js';
import { registerPeerToPeerRoutes } from './p2p/index.js';
import { registerReasonCodeRoutes } from './reason-codes/index.js';
import { registerImportRoutes } from './imports/index.js';
import { registerDenialNoticeRoutes } from './denial-notices/index.js';
import { registerAttendanceRoutes, sessionsOfCase } from './attendance/index.js';
import { label, mountWeb, webSessionForApi } from './web/index.js';
import type { DomainDeps } from './platform/domain-deps.js';

export interface AppDeps {
  config: Readonly<Config>;
  logger: Logger;
  clock?: Clock;
  /** The process's figures; each app makes its own when none is given. */
  metrics?: Metrics;
}

export interface OverturnApp {
  app: Express;
  api: ApiRegistry;
}

/** Builds the Express app: middleware, the API route table, the error handler. Never listens. */
export function createApp({
  config,
  logger,
  clock = new SystemClock(config.clinic.timeZone),
  metrics = new Metrics(),
}: AppDeps): OverturnApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'extended');
  app.use(helmet());
  app.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Route pattern, never the URL: URLs carry ids and query values.
      const route = `${req.baseUrl}${req.route?.path ?? ''}` || 'unmatched';
      const ns = process.hrtime.bigint() - started;
      logger.http('request', {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Number(ns / 1_000_000n),
      });
      metrics.request(req.method, route, res.statusCode, Number(ns) / 1e9);
    });
    // Pages and API answers carry PHI: no browser or proxy keeps a copy. Static files may be cached.
    if (!req.path.startsWith('/static/')) res.set('Cache-Control', 'no-store');
    runInRequestScope({ requestId, ip: req.ip }, res, next, logger);
  });
  app.use(express.json({ limit: config.jsonBodyLimit, strict: true }));

  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ready', async (_req, res) => {
    const ok = await databaseReachable();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unreachable' });
  });
  app.get('/metrics', authorize(['admin']), async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.type(contentType).send(body);
  });

  // Caches live as long as the app, made here and passed in: no module keeps state of its own.
  const deps: DomainDeps & { letterTemplateCache: LetterTemplateCache } = {
    config,
    logger,
    clock,
    metrics,
    letterTemplateCache: new LetterTemplateCache(),
  };
  const api = new ApiRegistry(authorize, { checkResponses: config.env === 'test' });
  // The export writes the clinic's words for codes and users' names, and a key fact's document is
  // checked by the evidence domain: neither may the cases domain import.
  registerCaseRoutes(api, { ...deps, exportWords: { label, userNames }, foreignDocuments });
  registerDeadlineRoutes(api);
  registerPayerRoutes(api, (payerId, actor) => recomputePayerDeadlines(payerId, actor, { clock }));
  registerAuditRoutes(api);
  registerUserRoutes(api, recordAudit);
  registerEvidenceRoutes(api, deps);
  registerGuidelineRoutes(api, deps);
  registerPacketRoutes(api, deps);
  // The prep sheet quotes the attendance record, which p2p cannot import (attendance tells the team through
  // notifications, which reads p2p).
  registerPeerToPeerRoutes(api, { ...deps, sessionsOfCase });
  registerReasonCodeRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerDenialNoticeRoutes(api, deps);
  registerAttendanceRoutes(api, deps);

  let openapi: unknown;
  api.add({
    method: 'get',
    path: '/openapi.json',
    roles: ['clinician', 'billing', 'medical_director', 'admin'],
    tag: 'meta',
    summary: 'This OpenAPI document',
    handler: (_req, res) =>
      void res.json((openapi ??= buildOpenApi(api.routes, { title: 'Overturn API', version: '1' }))),
  });

  app.use('/api/v1', api.methodGuard(), webSessionForApi(deps), api.router());
  mountWeb(app, api, deps);
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return { app, api };
}
