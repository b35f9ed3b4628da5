/**
 * Who works the case: the assignee, shown by name on the case file and changed there by a plain
 * form (see form-route.ts) that is the API's PATCH /cases/:caseId with its roles, its schema and
 * its version check. Only an active user of the clinic can be chosen.
 */
import type { Router } from 'express';
import { listUsers, userNames } from '../auth/index.js';
import { updateCase, updateCaseBody, type CaseChanges } from '../cases/index.js';
import { invalid } from '../platform/errors.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';
import { label } from './web-labels.js';

type Reassignment = CaseChanges & { version: number };

/**
 * The case file's assignment panel: the assignee's name ("Unassigned" when none) and whom it
 * can be given to, the current assignee chosen.
 * @param assigneeId - the case's assignee, if any
 */
export async function assignmentOf(assigneeId: string | undefined | null) {
  const [users, names] = await Promise.all([listUsers(), userNames([assigneeId])]);
  return {
    assignee: (assigneeId && names.get(assigneeId)) || 'Unassigned',
    choices: users.map((u) => ({ value: u.id, text: `${u.name} (${label(u.role)})`, selected: u.id === assigneeId })),
  };
}

export function caseAssigneeRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<Reassignment>(router, deps.api, {
    api: { method: 'patch', path: '/cases/:caseId' },
    path: '/cases/:caseId/assignee',
    schema: updateCaseBody,
    // "Unassigned" is sent as an empty choice: null clears the assignee.
    toBody: (f) => ({ version: f.version, assigneeId: f.assigneeId === '' ? null : f.assigneeId }),
    run: async ({ version, assigneeId }, req, res) => {
      if (assigneeId && !(await listUsers()).some((u) => u.id === assigneeId))
        throw invalid('Choose someone from the list', [
          { field: 'body.assigneeId', message: 'choose someone from the list' },
        ]);
      return updateCase(caseIdOf(req), version, { assigneeId }, res.locals.user, deps);
    },
    key: () => 'assignee',
    labels: { '': 'Assigned to', assigneeId: 'Assigned to' },
    show: page.show,
    explain: page.explain,
    done: page.back('assignee', 'assignment'),
  });
}
