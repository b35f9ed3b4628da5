/**
 * Administration: the clinic's users. Add one, change a role, deactivate, issue a new API
 * token. A token is shown once, on the page that answers the post (never in a redirect, a
 * URL or a log, and with `Cache-Control: no-store`); only its hash is kept.
 */
import type { Request, Response, Router } from 'express';
import { recordAudit } from '../audit/index.js';
import {
  ROLES,
  addAccount,
  changeAccount,
  changeUserBody,
  getAccount,
  issueToken,
  issueTokenBody,
  listAccounts,
  newUserBody,
  type NewUser,
  type UserAccount,
  type UserChanges,
} from '../auth/index.js';
import type { AppError } from '../platform/errors.js';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import type { WebDeps } from './case-file.routes.js';
import type { SectionSpec } from './form-fields.js';
import { formBody } from './form-errors.js';
import { doOnce, newFormId } from './form-once.js';
import { registerFormRoute } from './form-route.js';
import { fieldLabels, noticeOf, recordForm } from './record-form.js';
import { label } from './web-labels.js';
import { renderPage } from './web-views.js';

const NOTICES: Record<string, string> = { saved: 'User saved.' };
const ROLE_OPTIONS = ROLES.map((value) => ({ value, text: label(value) }));

const NEW_USER: SectionSpec[] = [
  {
    legend: 'Add a user',
    fields: [
      { key: 'name', text: 'Name', required: true, hint: 'As it should appear on cases and letters' },
      { key: 'email', text: 'Email', type: 'email', hint: 'They sign in on the web with it' },
      { key: 'role', text: 'Role', required: true, options: ROLE_OPTIONS },
      { key: 'password', text: 'First password', hint: 'At least 12 characters; give it to them in person' },
      { key: 'npi', text: 'NPI', hint: 'Physicians: the 10-digit National Provider Identifier' },
      { key: 'timeZone', text: 'Time zone', hint: 'Where they take peer-to-peer calls, e.g. America/Chicago' },
    ],
  },
];
const ACCESS: SectionSpec[] = [
  {
    legend: 'Role and access',
    fields: [
      { key: 'role', text: 'Role', required: true, options: ROLE_OPTIONS },
      {
        key: 'active',
        text: 'Access',
        required: true,
        hint: 'A deactivated user’s sessions and token stop working at once',
        options: [
          { value: 'true', text: 'Active' },
          { value: 'false', text: 'Deactivated' },
        ],
      },
    ],
  },
];

function userIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.userId);
  if (error) throw notFound('User', 'USER_NOT_FOUND');
  return value;
}

const STALE =
  'This user was changed while you had the page open (a token issued from this page is shown only ' +
  'once, and reloading it does not show it again). Here is the user as they stand now.';
const explain = (err: AppError) => (err.code === 'STALE_VERSION' ? STALE : err.message);

const ADDED_ALREADY =
  'This form was sent already, and the user was added then (their token was shown on that answer). ' +
  'Find them in the list; if the token was lost, issue a new one from their page.';

/** The signed-in administrator, whose changes to users are audited. */
const byAdmin = (res: Response) => ({ actor: res.locals.user, audit: recordAudit });

/** The page that shows a new token, once: no cache may keep it. */
function showToken(res: Response, user: UserAccount, token: string, added: boolean) {
  res.set('Cache-Control', 'no-store');
  renderPage(res, 'admin-token', { title: `${user.name} · new API token`, account: user, token, added });
}

export function adminUserRoutes(router: Router, deps: WebDeps): void {
  const showList = async (_req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const users = await listAccounts();
    renderPage(
      res,
      'admin-users',
      {
        title: 'Users',
        users: users.map((u) => ({ ...u, roleText: label(u.role) })),
        formId: newFormId(),
        ...recordForm(NEW_USER, { timeZone: deps.config.clinic.timeZone }, extra, 'user', status, {
          secret: ['password'],
        }),
      },
      status,
    );
  };
  router.get('/admin/users', (req, res) => showList(req, res));
  registerFormRoute<Omit<NewUser, 'token'>>(router, deps.api, {
    api: { method: 'post', path: '/users' },
    path: '/admin/users',
    schema: newUserBody,
    toBody: (f) => ({
      name: f.name,
      email: f.email,
      role: f.role,
      password: f.password,
      npi: f.npi,
      timeZone: f.timeZone,
    }),
    run: async (body, req, res) => {
      const { user, token } = await doOnce(formBody(req)._once, ADDED_ALREADY, () => addAccount(body, byAdmin(res)));
      showToken(res, user, token, true);
    },
    key: () => 'user',
    labels: fieldLabels(NEW_USER),
    show: showList,
    explain,
    done: () => '/admin/users',
  });

  const showOne = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const account = await getAccount(userIdOf(req));
    renderPage(
      res,
      'admin-user',
      {
        title: `${account.name} · user`,
        notice: noticeOf(req, NOTICES),
        account: { ...account, roleText: label(account.role) },
        ownAccount: account.id === res.locals.user.id,
        tokenProblem: (extra.formProblems as Record<string, unknown> | undefined)?.token,
        ...recordForm(ACCESS, { ...account }, extra, 'access', status),
      },
      status,
    );
  };
  router.get('/admin/users/:userId', (req, res) => showOne(req, res));
  registerFormRoute<UserChanges & { version: number }>(router, deps.api, {
    api: { method: 'patch', path: '/users/:userId' },
    path: '/admin/users/:userId',
    schema: changeUserBody,
    toBody: (f) => ({ version: f.version, role: f.role, active: f.active }),
    run: ({ version, ...changes }, req, res) => changeAccount(userIdOf(req), version, changes, byAdmin(res)),
    key: () => 'access',
    labels: fieldLabels(ACCESS),
    show: showOne,
    explain,
    done: (req) => `/admin/users/${userIdOf(req)}?notice=saved`,
  });
  registerFormRoute<{ version: number }>(router, deps.api, {
    api: { method: 'post', path: '/users/:userId/token' },
    path: '/admin/users/:userId/token',
    schema: issueTokenBody,
    toBody: (f) => ({ version: f.version }),
    run: async ({ version }, req, res) => {
      const { user, token } = await issueToken(userIdOf(req), version, byAdmin(res));
      showToken(res, user, token, false);
    },
    key: () => 'token',
    labels: { version: 'The user' },
    show: showOne,
    explain,
    done: (req) => `/admin/users/${userIdOf(req)}`,
  });
}
