import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { isoDate } from '../platform/http/common-schemas.js';
import { unprocessable } from '../platform/errors.js';
import { payerWindowSchema } from './deadline.schemas.js';
import { PLAN_TYPES, computeFilingDeadline, DeadlineRuleError, type FilingDeadlineInput } from './index.js';

const computeBody = Joi.object<FilingDeadlineInput, true>({
  plan: Joi.string()
    .valid(...PLAN_TYPES)
    .required(),
  level: Joi.string().max(40).required(),
  noticeDate: isoDate.required(),
  receivedDate: isoDate,
  expedited: Joi.boolean().default(false),
  payerWindow: payerWindowSchema,
  stateFairHearingDays: Joi.number().integer().min(90).max(120),
  externalReviewMonths: Joi.number().integer().min(4).max(12),
});

/** The deadline engine over HTTP: same inputs and answer as `npm run deadline`. Holds no PHI. */
export function registerDeadlineRoutes(api: ApiRegistry): void {
  api.add({
    method: 'post',
    path: '/deadlines/compute',
    roles: ['clinician', 'billing', 'medical_director', 'admin'],
    tag: 'deadlines',
    summary: 'Compute the filing deadline for a plan type, appeal level and notice date',
    schemas: { body: computeBody },
    handler: handle<unknown, unknown, FilingDeadlineInput>(
      ({ body }) => {
        try {
          const d = computeFilingDeadline(body);
          return {
            plan: body.plan,
            level: body.level,
            expedited: Boolean(body.expedited),
            filingDeadline: d.dueDate,
            ...d,
          };
        } catch (err) {
          if (err instanceof DeadlineRuleError) throw unprocessable(err.code, err.message);
          throw err;
        }
      },
      { status: 200 },
    ),
  });
}
