/**
 * The case's deadlines changed by what the payer wrote, from the case file without page script
 * (see form-route.ts): a computed date replaced by the one printed on the notice (the reason is
 * required), the choice between a filing deadline printed on the notice and a different computed
 * one, and the reviewer's written extension of its decision. Each is the API's own route:
 * its roles (billing, administrators), its schema, its service, its version check.
 */
import type { Router } from 'express';
import {
  decisionExtensionBody,
  decidePrintedDeadline,
  extendDecision,
  overrideDeadline,
  overrideDeadlineBody,
  type DeadlineOverride,
  type DecisionExtension,
  printedDeadlineBody,
  type PrintedDeadlineDecision,
} from '../cases/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';

export function caseDeadlineRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<DeadlineOverride>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/deadline-overrides' },
    path: '/cases/:caseId/deadline-overrides',
    schema: overrideDeadlineBody,
    toBody: (f) => ({ version: f.version, kind: f.kind, dueDate: f.dueDate, reason: f.reason }),
    run: (body, req, res) => overrideDeadline(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'deadlineOverride',
    labels: { kind: 'Deadline', dueDate: 'Date printed on the notice', reason: 'Why' },
    show: page.show,
    explain: page.explain,
    done: page.back('deadline-override', 'deadlines-h'),
  });
  registerFormRoute<PrintedDeadlineDecision>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/printed-deadline' },
    path: '/cases/:caseId/printed-deadline',
    schema: printedDeadlineBody,
    toBody: (f) => ({ version: f.version, choice: f.choice }),
    run: (body, req, res) => decidePrintedDeadline(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'printedDeadline',
    labels: { choice: 'Which date' },
    show: page.show,
    explain: page.explain,
    done: page.back('printed-deadline', 'deadlines-h'),
  });
  registerFormRoute<DecisionExtension>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/decision-extensions' },
    path: '/cases/:caseId/decision-extensions',
    schema: decisionExtensionBody,
    toBody: (f) => ({ version: f.version, days: f.days, noticeDate: f.noticeDate, reason: f.reason }),
    run: (body, req, res) => extendDecision(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'decisionExtension',
    labels: { days: 'Days added', noticeDate: 'Date of the reviewer’s notice', reason: 'Reason given' },
    show: page.show,
    explain: page.explain,
    done: page.back('decision-extension', 'deadlines-h'),
  });
}
