import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { handle } from '../platform/http/handle.js';
import { nameText, objectId, version } from '../platform/http/common-schemas.js';
import { payerWindowSchema } from '../deadlines/index.js';
import {
  createPayerProfile,
  getPayerProfile,
  listPayerProfiles,
  updatePayerProfile,
  type PayerProfileInput,
} from './payer-profile.service.js';

const fields = {
  name: nameText(200),
  appealWindow: payerWindowSchema,
  p2pWindow: payerWindowSchema,
  p2pRules: Joi.object({
    onePerService: Joi.boolean(),
    noneAfterAppealFiled: Joi.boolean(),
    postDecisionEducationalOnly: Joi.boolean().description(
      'A peer-to-peer call after the determination is educational only and cannot change it',
    ),
    notes: Joi.string().max(2000),
  }),
  // 42 CFR 438.408(f)(2): the enrollee has 120 days from the plan's notice of resolution; no state may set fewer.
  stateFairHearingDays: Joi.number()
    .valid(120)
    .messages({ 'any.only': '{{#label}} must be 120: 42 CFR 438.408(f)(2) gives the enrollee 120 days' }),
  externalReviewMonths: Joi.number().integer().min(4).max(12),
  appealsAddress: Joi.object({
    line1: Joi.string().max(200).required(),
    line2: Joi.string().max(200).allow(''),
    city: Joi.string().max(100).required(),
    state: Joi.string().length(2).uppercase().required(),
    postalCode: Joi.string()
      .pattern(/^\d{5}(-\d{4})?$/)
      .required(),
  }),
  fax: Joi.string().max(25),
  phone: Joi.string().max(25),
  portalUrl: Joi.string().uri({ scheme: ['https', 'http'] }),
  notes: Joi.string().max(5000),
};
/** A new profile, and a change to one (the pages use the same schemas). */
export const newPayerBody = Joi.object<PayerProfileInput>({ ...fields, name: fields.name.required() });
/** A change; any field but the name may be cleared with null (the profile then has none of its own). */
export const changePayerBody = Joi.object<PayerProfileInput & { version: number }>({
  version,
  ...Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.allow(null)])),
  name: fields.name,
}).min(2);
const params = Joi.object({ payerId: objectId.required() });
const editors = ['billing', 'admin'] as const;
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;

/** Told when a profile's windows may have changed; answers how many cases' deadlines moved. */
export type PayerProfileChanged = (payerId: string, actor: AuthenticatedUser) => Promise<number>;

/**
 * Payer profiles hold no PHI, so reads are open to every role and are not audited. A change is
 * passed on to `onChanged` (the cases domain, wired in app.ts), because the cases of this payer
 * count their deadlines from its windows.
 */
export function registerPayerRoutes(api: ApiRegistry, onChanged: PayerProfileChanged): void {
  api.add({
    method: 'get',
    path: '/payers',
    roles: everyone,
    tag: 'payers',
    summary: 'List payer profiles and their configured windows',
    handler: handle(async () => ({ payers: await listPayerProfiles() })),
  });
  api.add({
    method: 'get',
    path: '/payers/:payerId',
    roles: everyone,
    tag: 'payers',
    summary: 'Read one payer profile',
    schemas: { params },
    handler: handle<{ payerId: string }>(({ params }) => getPayerProfile(params.payerId)),
  });
  api.add({
    method: 'post',
    path: '/payers',
    roles: editors,
    tag: 'payers',
    summary: 'Create a payer profile with its own appeal and peer-to-peer windows',
    schemas: { body: newPayerBody },
    handler: handle<unknown, unknown, PayerProfileInput>(({ body }) => createPayerProfile(body)),
  });
  api.add({
    method: 'patch',
    path: '/payers/:payerId',
    roles: editors,
    tag: 'payers',
    summary:
      'Change a payer profile (version-checked); the open cases of this payer have ' +
      'their deadlines computed again (`casesWithNewDeadlines`)',
    schemas: { params, body: changePayerBody },
    handler: handle<{ payerId: string }, unknown, PayerProfileInput & { version: number }>(
      async ({ params, body: { version: v, ...changes }, user }) => {
        const profile = await updatePayerProfile(params.payerId, v, changes);
        return { ...profile, casesWithNewDeadlines: await onChanged(params.payerId, user) };
      },
    ),
  });
}
