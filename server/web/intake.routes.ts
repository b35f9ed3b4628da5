import type { Router } from 'express';
import { openCase } from '../cases/index.js';
import { listPayerProfiles } from '../payers/index.js';
import { AppError } from '../platform/errors.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { intakeSections, readIntakeForm } from './intake-form.js';
import { formView } from './form-fields.js';
import { formBody, problemErrors } from './form-errors.js';

async function sections() {
  const profiles = await listPayerProfiles();
  return intakeSections(profiles.map((p) => ({ value: String(p._id), text: p.name })));
}

/** What a fresh form starts with: a clinician opening a case is usually the one treating. */
function defaults(user: AuthenticatedUser) {
  return {
    priority: 'standard',
    patient: { sex: 'unknown' },
    service: { requestType: 'post_service' },
    treatingClinician: user.role === 'clinician' ? { name: user.name } : {},
  };
}

/** The new-case intake form: validated as the API validates, every error beside its field. */
export function intakeRoutes(router: Router, deps: DomainDeps): void {
  const editors = requireRole('clinician', 'billing', 'admin');

  router.get('/cases/new', editors, async (_req, res) => {
    renderPage(res, 'new-case', { title: 'New case', ...formView(await sections(), defaults(res.locals.user), {}) });
  });

  router.post('/cases/new', editors, async (req, res) => {
    const form = formBody(req);
    const { body, errors } = readIntakeForm(form);
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
      { title: 'New case: check the form', ...formView(await sections(), form, problems) },
      400,
    );
  });
}
