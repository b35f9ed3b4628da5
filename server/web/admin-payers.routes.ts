/**
 * Administration: payer profiles. List, add, edit (version-checked), with the API's schemas
 * and services; a saved change has the payer's open cases count their deadlines again, as the
 * API's PATCH does.
 */
import type { Request, Response, Router } from 'express';
import { recomputePayerDeadlines } from '../cases/index.js';
import {
  changePayerBody,
  createPayerProfile,
  getPayerProfile,
  listPayerProfiles,
  newPayerBody,
  updatePayerProfile,
  type PayerProfileInput,
} from '../payers/index.js';
import type { AppError } from '../platform/errors.js';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { toAppError } from '../platform/http/error-handler.js';
import type { WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';
import { PAYER_LABELS, PAYER_SECTIONS, payerBody } from './admin-payer-form.js';
import { noticeOf, recordForm } from './record-form.js';
import { renderPage } from './web-views.js';

const NOTICES: Record<string, string> = {
  added: 'Payer profile added.',
  saved: 'Payer profile saved. Its open cases counted their deadlines again.',
};

function payerIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.payerId);
  if (error) throw notFound('Payer profile', 'PAYER_NOT_FOUND');
  return value;
}

const STALE =
  'Someone else changed this payer profile while you had it open. Here it is as it stands now; ' +
  'apply your change again if it still makes sense.';
const explain = (err: AppError) =>
  err.code === 'STALE_VERSION'
    ? STALE
    : err.code === 'DUPLICATE'
      ? 'Another payer profile already has this name; open that one instead.'
      : err.message;

/** A second profile of the same name is refused by the unique index: a refusal the form can show. */
async function asRefusal<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw toAppError(err);
  }
}

const windowText = (w?: { days: number; unit: string } | null) =>
  w ? `${w.days} ${w.unit} days` : 'none of its own: the federal rules';

export function adminPayerRoutes(router: Router, deps: WebDeps): void {
  router.get('/admin/payers', async (req, res) => {
    const payers = await listPayerProfiles();
    renderPage(res, 'admin-payers', {
      title: 'Payer profiles',
      notice: noticeOf(req, NOTICES),
      payers: payers.map((p) => ({
        id: String(p._id),
        name: p.name,
        appealWindow: windowText(p.appealWindow),
        p2pWindow: windowText(p.p2pWindow),
        educationalOnly: Boolean(p.p2pRules?.postDecisionEducationalOnly),
        fax: p.fax,
      })),
    });
  });

  const showNew = async (_req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(
      res,
      'admin-payer',
      {
        title: 'Add a payer profile',
        action: '/admin/payers/new',
        ...recordForm(PAYER_SECTIONS, {}, extra, 'payer', status),
      },
      status,
    );
  router.get('/admin/payers/new', (req, res) => showNew(req, res));
  registerFormRoute<PayerProfileInput>(router, deps.api, {
    api: { method: 'post', path: '/payers' },
    path: '/admin/payers/new',
    schema: newPayerBody,
    toBody: (f) => payerBody(f, false),
    run: async (body, _req, res) => {
      const made = await asRefusal(createPayerProfile(body));
      await recomputePayerDeadlines(String(made._id), res.locals.user, deps);
    },
    key: () => 'payer',
    labels: PAYER_LABELS,
    show: showNew,
    explain,
    done: () => '/admin/payers?notice=added',
  });

  const showOne = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const payer = await getPayerProfile(payerIdOf(req));
    renderPage(
      res,
      'admin-payer',
      {
        title: `${payer.name} · payer profile`,
        notice: noticeOf(req, NOTICES),
        payer: { id: String(payer._id), name: payer.name },
        action: `/admin/payers/${String(payer._id)}`,
        ...recordForm(PAYER_SECTIONS, { ...payer, version: payer.__v }, extra, 'payer', status),
      },
      status,
    );
  };
  router.get('/admin/payers/:payerId', (req, res) => showOne(req, res));
  registerFormRoute<PayerProfileInput & { version: number }>(router, deps.api, {
    api: { method: 'patch', path: '/payers/:payerId' },
    path: '/admin/payers/:payerId',
    schema: changePayerBody,
    toBody: (f) => payerBody(f, true),
    run: async ({ version, ...changes }, req, res) => {
      await asRefusal(updatePayerProfile(payerIdOf(req), version, changes));
      await recomputePayerDeadlines(payerIdOf(req), res.locals.user, deps);
    },
    key: () => 'payer',
    labels: PAYER_LABELS,
    show: showOne,
    explain,
    done: (req) => `/admin/payers/${payerIdOf(req)}?notice=saved`,
  });
}
