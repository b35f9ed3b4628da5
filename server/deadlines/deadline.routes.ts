import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { unprocessable } from '../platform/errors.js';
import { computeDeadlineBody } from './deadline.schemas.js';
import { filingDeadlineAnswer } from './deadline.responses.js';
import { answerFilingDeadline, DeadlineRuleError, type DeadlineQuestion } from './index.js';

/** The deadline engine over HTTP: same inputs and answer as `npm run deadline`. Holds no PHI. */
export function registerDeadlineRoutes(api: ApiRegistry): void {
  api.add({
    method: 'post',
    path: '/deadlines/compute',
    roles: ['clinician', 'billing', 'medical_director', 'admin'],
    tag: 'deadlines',
    summary: 'Compute the filing deadline for a plan type, appeal level and notice date',
    schemas: { body: computeDeadlineBody },
    status: 200,
    response: filingDeadlineAnswer,
    handler: handle<unknown, unknown, DeadlineQuestion>(({ body }) => {
      try {
        return answerFilingDeadline(body);
      } catch (err) {
        // A combination with no rule (expedited Original Medicare, a notice older than the table) is a 422.
        if (err instanceof DeadlineRuleError) throw unprocessable(err.code, err.message);
        throw err;
      }
    }),
  });
}
