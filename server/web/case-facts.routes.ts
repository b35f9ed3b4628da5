/**
 * The facts of a case that choose its route and its clocks, recorded on the case file without
 * page script (see form-route.ts): who files and what the payer did (the route and, for Medicaid
 * and employer plans, which clocks run), and a Medicare notice that services end or of discharge
 * (the QIO fast track, counted in hours). Both are the API's PATCH /cases/:caseId: its roles,
 * its schema, its version check.
 */
import type { Router } from 'express';
import type { AuthenticatedUser } from '../auth/index.js';
import { updateCase, updateCaseBody, type CaseChanges } from '../cases/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { clinicInstant, registerFormRoute, type FormFields } from './form-route.js';

type CaseEdit = CaseChanges & { version: number };

const api = { method: 'patch', path: '/cases/:caseId' } as const;

/** A form left blank is refused in the words of the form, not with the API's list of every editable field. */
const NOTHING_CHOSEN = { 'object.missing': 'choose something to record first' };

/**
 * When the patient received the notice: the day alone (counted from the start of that day, the
 * earliest reading, so nothing counted from it is late), or the day and the hour on the clinic's clock.
 */
function noticeReceivedAt(fields: FormFields, zone: string): unknown {
  const day = fields['fastTrack.noticeReceivedAt'];
  const hour = fields.noticeReceivedTime;
  return typeof day === 'string' && typeof hour === 'string' && day && hour
    ? clinicInstant(`${day}T${hour}`, zone)
    : day;
}

export function caseFactsRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  const save = (body: CaseEdit, caseId: string, user: AuthenticatedUser) => {
    const { version, ...changes } = body;
    return updateCase(caseId, version, changes, user, deps);
  };
  registerFormRoute<CaseEdit>(router, deps.api, {
    api,
    path: '/cases/:caseId/route',
    schema: updateCaseBody.messages(NOTHING_CHOSEN),
    toBody: (f) => ({
      version: f.version,
      appellant: f.appellant,
      denial: { action: f['denial.action'], intendedEffectiveDate: f['denial.intendedEffectiveDate'] },
    }),
    run: (body, req, res) => save(body, caseIdOf(req), res.locals.user),
    key: () => 'route',
    labels: {
      '': 'Who files and the payer’s action',
      appellant: 'Who files',
      'denial.action': 'What the payer did',
      'denial.intendedEffectiveDate': 'Takes effect on',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('route', 'route'),
  });
  registerFormRoute<CaseEdit>(router, deps.api, {
    api,
    path: '/cases/:caseId/medicare-notice',
    schema: updateCaseBody.messages(NOTHING_CHOSEN),
    toBody: (f) => ({
      version: f.version,
      fastTrack: {
        kind: f['fastTrack.kind'],
        noticeReceivedAt: noticeReceivedAt(f, deps.config.clinic.timeZone),
        serviceEnd: f['fastTrack.serviceEnd'],
      },
    }),
    run: (body, req, res) => save(body, caseIdOf(req), res.locals.user),
    key: () => 'medicareNotice',
    labels: {
      '': 'The Medicare notice',
      'fastTrack.kind': 'Notice',
      'fastTrack.noticeReceivedAt': 'Patient received it on',
      'fastTrack.serviceEnd': 'Last covered day',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('medicare-notice', 'medicare-notice'),
  });
}
