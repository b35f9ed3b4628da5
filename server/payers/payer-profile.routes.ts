import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { handle } from '../platform/http/handle.js';
import { objectId } from '../platform/http/common-schemas.js';
import { changePayerBody, newPayerBody } from './payer-profile.schemas.js';
import * as r from './payer-profile.responses.js';
import {
  createPayerProfile,
  getPayerProfile,
  listPayerProfiles,
  updatePayerProfile,
  type PayerProfileInput,
} from './payer-profile.service.js';

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
    response: r.payerProfileList,
    handler: handle(async () => ({ payers: await listPayerProfiles() })),
  });
  api.add({
    method: 'get',
    path: '/payers/:payerId',
    roles: everyone,
    tag: 'payers',
    summary: 'Read one payer profile',
    schemas: { params },
    response: r.payerProfile,
    handler: handle<{ payerId: string }>(({ params }) => getPayerProfile(params.payerId)),
  });
  api.add({
    method: 'post',
    path: '/payers',
    roles: editors,
    tag: 'payers',
    summary:
      'Create a payer profile with its own appeal and peer-to-peer windows; open imported cases naming ' +
      'this payer are linked to it and their deadlines computed (`casesWithNewDeadlines`)',
    schemas: { body: newPayerBody },
    response: r.payerProfileChanged,
    handler: handle<unknown, unknown, PayerProfileInput>(async ({ body, user }) => {
      const profile = await createPayerProfile(body);
      return { ...profile, casesWithNewDeadlines: await onChanged(String(profile._id), user) };
    }),
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
    response: r.payerProfileChanged,
    handler: handle<{ payerId: string }, unknown, PayerProfileInput & { version: number }>(
      async ({ params, body: { version: v, ...changes }, user }) => {
        const profile = await updatePayerProfile(params.payerId, v, changes);
        return { ...profile, casesWithNewDeadlines: await onChanged(params.payerId, user) };
      },
    ),
  });
}
