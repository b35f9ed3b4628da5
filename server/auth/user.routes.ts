import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { nameText, objectId, version } from '../platform/http/common-schemas.js';
import { ROLES } from '../platform/http/authenticated-user.js';
import {
  addAccount,
  changeAccount,
  issueToken,
  listAccounts,
  getAccount,
  type AuditUserChange,
  type UserChanges,
} from './user-admin.service.js';
import type { NewUser } from './user.service.js';

const admin = ['admin'] as const;
const params = Joi.object({ userId: objectId.required() });
const tag = 'users';

/** A new user; a password lets them sign in on the web (the token is for the API). */
export const newUserBody = Joi.object<Omit<NewUser, 'token'>>({
  name: nameText(200).min(1).required(),
  // Any domain: a clinic's mail may be on an internal one.
  email: Joi.string()
    .trim()
    .lowercase()
    .email({ tlds: { allow: false } })
    .max(320),
  role: Joi.string()
    .valid(...ROLES)
    .required(),
  password: Joi.string().min(12).max(200).description('At least 12 characters; without one, the user has a token only'),
  npi: Joi.string()
    .pattern(/^\d{10}$/)
    .messages({ 'string.pattern.base': '{{#label}} must be the 10 digits of a National Provider Identifier' }),
  timeZone: Joi.string()
    .valid(...Intl.supportedValuesOf('timeZone'))
    .messages({ 'any.only': '{{#label}} must be an IANA time zone such as America/Chicago' })
    .description('Where they take peer-to-peer calls; without one, America/New_York'),
}).with('password', 'email');

export const changeUserBody = Joi.object<UserChanges & { version: number }, true>({
  version,
  role: Joi.string().valid(...ROLES),
  active: Joi.boolean(),
}).or('role', 'active');

export const issueTokenBody = Joi.object({ version });

/**
 * The clinic's users: administrators only. Tokens are answered once and never stored or logged.
 * @param audit - records each change (the audit domain's `recordAudit`, which this domain may not import)
 */
export function registerUserRoutes(api: ApiRegistry, audit: AuditUserChange): void {
  api.add({
    method: 'get',
    path: '/users',
    roles: admin,
    tag,
    summary: 'Every user of the clinic, deactivated ones too',
    handler: handle(async () => ({ users: await listAccounts() })),
  });
  api.add({
    method: 'get',
    path: '/users/:userId',
    roles: admin,
    tag,
    summary: 'One user',
    schemas: { params },
    handler: handle<{ userId: string }>(({ params: p }) => getAccount(p.userId)),
  });
  api.add({
    method: 'post',
    path: '/users',
    roles: admin,
    tag,
    summary: 'Add a user; the answer holds their bearer token, shown this once only',
    schemas: { body: newUserBody },
    handler: handle<unknown, unknown, Omit<NewUser, 'token'>>(({ body, user }) =>
      addAccount(body, { actor: user, audit }),
    ),
  });
  api.add({
    method: 'patch',
    path: '/users/:userId',
    roles: admin,
    tag,
    summary: 'Change a user’s role, or deactivate them (`active: false`; version-checked; not your own account)',
    schemas: { params, body: changeUserBody },
    handler: handle<{ userId: string }, unknown, UserChanges & { version: number }>(
      ({ params: p, body: { version: v, ...changes }, user }) =>
        changeAccount(p.userId, v, changes, { actor: user, audit }),
    ),
  });
  api.add({
    method: 'post',
    path: '/users/:userId/token',
    roles: admin,
    tag,
    summary: 'Issue a new bearer token (the old one stops working); shown this once only',
    schemas: { params, body: issueTokenBody },
    handler: handle<{ userId: string }, unknown, { version: number }>(({ params: p, body, user }) =>
      issueToken(p.userId, body.version, { actor: user, audit }),
    ),
  });
}
