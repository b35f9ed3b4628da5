/**
 * An administrator's work on the clinic's users: the list (deactivated ones too), a new user,
 * a changed role, deactivation, and a new bearer token. Every change is version-checked; the
 * token is returned once and only its hash is stored.
 */
import { UserModel, type UserRecord } from './user.model.js';
import { createUser, hashToken, newToken, type NewUser } from './user.service.js';
import type { AuthenticatedUser, Role } from '../platform/http/authenticated-user.js';
import { conflict, notFound } from '../platform/errors.js';
import { versionedWrites } from '../platform/db/versioned-write.js';

const userWrites = versionedWrites(UserModel, { entity: 'user', label: 'user', versionField: '__v' });

/** A user as an administrator sees them: never a hash. */
export interface UserAccount extends AuthenticatedUser {
  email?: string;
  npi?: string;
  active: boolean;
  signsInOnTheWeb: boolean;
  version: number;
}

export interface UserChanges {
  role?: Role;
  active?: boolean;
}

/**
 * Records who changed which user, and which of their fields: the audit domain's `recordAudit`,
 * passed in by the caller since the audit domain imports this one.
 */
export type AuditUserChange = (entry: {
  actor: AuthenticatedUser;
  action: 'user.create' | 'user.update' | 'user.token';
  entityType: 'user';
  entityId: string;
  fields?: string[];
}) => Promise<void>;

/** Who makes a change to a user, and where it is recorded. */
export interface UserAdmin {
  actor: AuthenticatedUser;
  audit: AuditUserChange;
}

function toAccount(doc: UserRecord & { __v?: number }): UserAccount {
  return {
    id: String(doc._id),
    name: doc.name,
    role: doc.role,
    ...(doc.email ? { email: doc.email } : {}),
    ...(doc.npi ? { npi: doc.npi } : {}),
    active: doc.active ?? true,
    signsInOnTheWeb: Boolean(doc.passwordHash),
    version: doc.__v ?? 0,
  };
}

/** Every user, active ones first, then by name. */
export async function listAccounts(): Promise<UserAccount[]> {
  const docs = await UserModel.find().sort({ active: -1, name: 1 }).lean<UserRecord[]>();
  return docs.map(toAccount);
}

export async function getAccount(id: string): Promise<UserAccount> {
  const doc = await UserModel.findById(id).lean<UserRecord>();
  if (!doc) throw notFound('User', 'USER_NOT_FOUND');
  return toAccount(doc);
}

/** Adds a user; the answer holds their bearer token, which is never shown again. */
export async function addAccount(
  input: Omit<NewUser, 'token'>,
  by: UserAdmin,
): Promise<{ user: UserAccount; token: string }> {
  const { user, token } = await createUser(input);
  await by.audit({
    actor: by.actor,
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    fields: fieldsOf(input),
  });
  return { user: await getAccount(user.id), token };
}

/** The fields given a value, never the values: a password is recorded as set, not what it is. */
const fieldsOf = (values: object): string[] =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);

/**
 * Changes a user's role or deactivates (or reactivates) them. An administrator cannot change
 * their own account this way: the clinic would be one mistake from having no administrator.
 */
export async function changeAccount(
  id: string,
  version: number,
  changes: UserChanges,
  by: UserAdmin,
): Promise<UserAccount> {
  if (id === by.actor.id)
    throw conflict('OWN_ACCOUNT', 'You cannot change your own role or deactivate yourself; ask another administrator');
  userWrites.expect((await getAccount(id)).version, version);
  const doc = await userWrites.update<UserRecord>({ id, version }, { $set: changes }, { runValidators: true });
  await by.audit({
    actor: by.actor,
    action: 'user.update',
    entityType: 'user',
    entityId: id,
    fields: fieldsOf(changes),
  });
  return toAccount(doc);
}

/** Replaces a user's bearer token: the old one stops working at once; the new one is returned once. */
export async function issueToken(
  id: string,
  version: number,
  by: UserAdmin,
): Promise<{ user: UserAccount; token: string }> {
  const current = await getAccount(id);
  if (!current.active) throw conflict('USER_INACTIVE', 'This user is deactivated; reactivate them first');
  userWrites.expect(current.version, version);
  const token = newToken();
  const doc = await userWrites.update<UserRecord>({ id, version }, { $set: { tokenHash: hashToken(token) } });
  await by.audit({ actor: by.actor, action: 'user.token', entityType: 'user', entityId: id, fields: ['tokenHash'] });
  return { user: toAccount(doc), token };
}
