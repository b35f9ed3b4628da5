/**
 * Recording and correcting a session from the case file without page script (see
 * form-route.ts): the API's own routes, roles, schemas and services (a correction is
 * version-checked). When a session completes the attendance rule, the page says the care team
 * was told.
 */
import type { Request, Response, Router } from 'express';
import {
  correctSession,
  correctSessionBody,
  recordSession,
  sessionBody,
  type SessionChanges,
  type SessionInput,
} from '../attendance/index.js';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { asList, registerFormRoute, type FormFields } from './form-route.js';
import { correctionKey } from './attendance.service.js';

/** The session's fields as the form names them, for the summary of a refusal. */
const LABELS = {
  date: 'Date',
  time: 'Time',
  outcome: 'How it went',
  reason: 'Reason, in the patient’s words',
  barrier: 'Barrier',
  alternativesOffered: 'Alternatives offered',
  alternativesAccepted: 'The patient took up',
  patientChoice: 'What the patient chose',
};

const sessionOfForm = (f: FormFields) => ({
  date: f.date,
  time: f.time,
  outcome: f.outcome,
  reason: f.reason,
  barrier: f.barrier,
  alternativesOffered: asList(f.alternativesOffered),
  alternativesAccepted: asList(f.alternativesAccepted),
  patientChoice: f.patientChoice,
});

/** A blank box of a correction clears the field (null), no box ticked clears the list: the form shows every field. */
function correctionOfForm(f: FormFields) {
  const given = sessionOfForm(f);
  const cleared = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
  return {
    version: f.version,
    date: given.date,
    outcome: given.outcome,
    time: cleared(given.time),
    reason: cleared(given.reason),
    barrier: cleared(given.barrier),
    patientChoice: cleared(given.patientChoice),
    alternativesOffered: given.alternativesOffered ?? [],
    alternativesAccepted: given.alternativesAccepted ?? [],
  };
}

/** The session named in the path, refused as not found unless it is an id, as the API's params schema does. */
function sessionIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.sessionId);
  if (error) throw notFound('Session', 'SESSION_NOT_FOUND');
  return value;
}

/** The case file again after a session change, saying whether the care team was told. */
const tellIfAlerted = (req: Request, res: Response, alert: { sent?: boolean } | undefined) => {
  if (alert?.sent) res.redirect(303, `/cases/${caseIdOf(req)}?notice=attendance-alert#attendance-h`);
};

export function attendanceRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<SessionInput>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/attendance' },
    path: '/cases/:caseId/attendance',
    schema: sessionBody,
    toBody: sessionOfForm,
    run: async (body, req, res) => {
      const { alert } = await recordSession(caseIdOf(req), body, res.locals.user, deps);
      tellIfAlerted(req, res, alert);
    },
    key: () => 'attendance',
    labels: LABELS,
    show: page.show,
    explain: page.explain,
    done: page.back('attendance', 'attendance-h'),
  });
  registerFormRoute<SessionChanges>(router, deps.api, {
    api: { method: 'patch', path: '/cases/:caseId/attendance/:sessionId' },
    path: '/cases/:caseId/attendance/:sessionId',
    schema: correctSessionBody,
    toBody: correctionOfForm,
    keepsBlanks: true,
    run: async (body, req, res) => {
      const { alert } = await correctSession(caseIdOf(req), sessionIdOf(req), body, res.locals.user, deps);
      tellIfAlerted(req, res, alert);
    },
    key: (req) => correctionKey(String(req.params.sessionId)),
    labels: LABELS,
    show: page.show,
    explain: page.explain,
    done: page.back('session-corrected', 'attendance-h'),
  });
}
