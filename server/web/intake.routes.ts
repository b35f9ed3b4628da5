import type { Router } from 'express';
import { openCase } from '../cases/index.js';
import { listPayerProfiles } from '../payers/index.js';
import { AppError } from '../platform/errors.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { listUsers, type AuthenticatedUser } from '../auth/index.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { intakeSections, readIntakeForm, type IntakePeople } from './intake-form.js';
import { formView } from './form-fields.js';
import { formBody, problemErrors } from './form-errors.js';

/** The clinic's physicians (the treating clinician) and everyone (the assignee), as the form offers them. */
async function people(): Promise<IntakePeople> {
  const users = await listUsers();
  return { users, physicians: users.filter((u) => u.role === 'clinician' || u.role === 'medical_director') };
}

async function sections(offered: IntakePeople) {
  const profiles = await listPayerProfiles();
  return intakeSections(
    profiles.map((p) => ({ value: String(p._id), text: p.name })),
    offered,
  );
}

/**
 * What a fresh form starts with: a clinician opening a case is usually the one treating; whoever
 * opens it works it until they assign it to someone else.
 */
function defaults(user: AuthenticatedUser) {
  return {
    priority: 'standard',
    patient: { sex: 'unknown' },
    service: { requestType: 'post_service' },
    treatingClinician: user.role === 'clinician' ? { userId: user.id } : {},
    assigneeId: user.id,
  };
}

/** The new-case intake form: validated as the API validates, every error beside its field. */
export function intakeRoutes(router: Router, deps: DomainDeps): void {
  const editors = requireRole('clinician', 'billing', 'admin');

  router.get('/cases/new', editors, async (_req, res) => {
    const view = formView(await sections(await people()), defaults(res.locals.user), {});
    renderPage(res, 'new-case', { title: 'New case', ...view });
  });

  router.post('/cases/new', editors, async (req, res) => {
    const form = formBody(req);
    const offered = await people();
    const { body, errors } = readIntakeForm(form, offered);
    let problems = errors;
    if (body) {
      try {
        const opened = await openCase(body, res.locals.user, { clock: deps.clock });
        return res.redirect(303, `/cases/${opened.id}?notice=created`);
      } catch (err) {
        // Rules the schema cannot express (a notice dated in the future) come back per field.
        if (!(err instanceof AppError) || err.status !== 400 || !err.fields.length) throw err;
        problems = problemErrors(err.fields);
      }
    }
    renderPage(
      res,
      'new-case',
      { title: 'New case: check the form', ...formView(await sections(offered), form, problems) },
      400,
    );
  });
}
