/**
 * Recording a session from the case file without page script (see form-route.ts): the API's own
 * route, roles, schema and service. When the session completes the attendance rule, the page
 * says the care team was told.
 */
import type { Router } from 'express';
import { recordSession, sessionBody, type SessionInput } from '../attendance/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { asList, registerFormRoute } from './form-route.js';

export function attendanceRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<SessionInput>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/attendance' },
    path: '/cases/:caseId/attendance',
    schema: sessionBody,
    toBody: (f) => ({
      date: f.date,
      time: f.time,
      outcome: f.outcome,
      reason: f.reason,
      barrier: f.barrier,
      alternativesOffered: asList(f.alternativesOffered),
      alternativesAccepted: asList(f.alternativesAccepted),
      patientChoice: f.patientChoice,
    }),
    run: async (body, req, res) => {
      const { alert } = await recordSession(caseIdOf(req), body, res.locals.user, deps);
      if (alert?.sent) res.redirect(303, `/cases/${caseIdOf(req)}?notice=attendance-alert#attendance-h`);
    },
    key: () => 'attendance',
    labels: {
      date: 'Date',
      time: 'Time',
      outcome: 'How it went',
      reason: 'Reason, in the patient’s words',
      barrier: 'Barrier',
      alternativesOffered: 'Alternatives offered',
      alternativesAccepted: 'The patient took up',
      patientChoice: 'What the patient chose',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('attendance', 'attendance-h'),
  });
}
