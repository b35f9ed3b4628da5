import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { objectId } from '../platform/http/common-schemas.js';
import { changeUserBody, issueTokenBody, newUserBody } from './user.schemas.js';
import * as r from './user.responses.js';
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
    response: r.userList,
    handler: handle(async () => ({ users: await listAccounts() })),
  });
  api.add({
    method: 'get',
    path: '/users/:userId',
    roles: admin,
    tag,
    summary: 'One user',
    schemas: { params },
    response: r.userAccount,
    handler: handle<{ userId: string }>(({ params: p }) => getAccount(p.userId)),
  });
  api.add({
    method: 'post',
    path: '/users',
    roles: admin,
    tag,
    summary: 'Add a user; the answer holds their bearer token, shown this once only',
    schemas: { body: newUserBody },
    response: r.userWithToken,
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
    response: r.userAccount,
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
    response: r.userWithToken,
    handler: handle<{ userId: string }, unknown, { version: number }>(({ params: p, body, user }) =>
      issueToken(p.userId, body.version, { actor: user, audit }),
    ),
  });
}
