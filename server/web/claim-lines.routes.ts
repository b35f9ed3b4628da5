/**
 * Recording how a claim line ended, from the case file without page script (see form-route.ts):
 * the API's own route, roles (billing, administrators), schema and service. People type dollars;
 * the API takes integer cents, so the amount is turned into cents here and nothing else is.
 */
import type { Request, Router } from 'express';
import { lineOutcomeBody, recordLineOutcome, type LineOutcomeInput } from '../cases/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';
import { notFound } from '../platform/errors.js';

/** "$1,500.00", "1500" or "1,500.5" as cents; anything else is passed on for the schema to refuse. */
export function centsOf(typed: unknown): unknown {
  if (typeof typed !== 'string') return typed;
  const plain = typed.trim().replace(/^\$/, '').replaceAll(',', '');
  return /^\d+(\.\d{1,2})?$/.test(plain) ? Math.round(Number(plain) * 100) : typed.trim() || undefined;
}

/** The line's number from the path (from 1); anything else is no line of the case. */
function lineOf(req: Request): number {
  const line = String(req.params.line);
  if (!/^[1-9]\d{0,2}$/.test(line)) throw notFound('Line', 'LINE_NOT_FOUND');
  return Number(line);
}

export function claimLineRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<LineOutcomeInput>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/lines/:line/resolution' },
    path: '/cases/:caseId/lines/:line/resolution',
    schema: lineOutcomeBody,
    toBody: (f) => ({
      version: f.version,
      kind: f.kind,
      amountCents: centsOf(f.amount),
      remittance: f.remittance,
      reason: f.reason,
      approvedById: f.approvedById,
      note: f.note,
    }),
    run: (body, req, res) => recordLineOutcome(caseIdOf(req), lineOf(req), body, res.locals.user, deps),
    key: (req) => `lineOutcome${lineOf(req)}`,
    labels: {
      kind: 'How it ended',
      amountCents: 'Amount',
      remittance: 'Remittance trace number',
      reason: 'Reason',
      approvedById: 'Approved by',
    },
    show: page.show,
    explain: page.explain,
    done: (req) => `/cases/${caseIdOf(req)}?notice=line-outcome#claim-lines-h`,
  });
}
