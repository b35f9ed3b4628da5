import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserModel, type UserRecord } from './user.model.js';
import type { AuthenticatedUser, Role } from '../platform/http/authenticated-user.js';
import { conflict, notFound } from '../platform/errors.js';

const scrypt = (password: string, salt: Buffer, keylen: number) =>
  new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(password, salt, keylen, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Tokens are 256 random bits, so a fast hash is enough to keep them useless if the database leaks. */
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** A new bearer token: `ovt_` and 256 random bits. */
export const newToken = (): string => `ovt_${crypto.randomBytes(32).toString('base64url')}`;

export interface NewUser {
  name: string;
  role: Role;
  email?: string;
  password?: string;
  timeZone?: string;
  npi?: string;
  /** Only the demo seed sets this, so that the README can list working demo tokens. */
  token?: string;
}

/** Creates a user and returns its one-time bearer token. */
export async function createUser(input: NewUser): Promise<{ user: AuthenticatedUser; token: string }> {
  if (input.email && (await UserModel.exists({ email: input.email.toLowerCase() })))
    throw conflict('EMAIL_TAKEN', 'Another user already signs in with this email');
  const token = input.token ?? newToken();
  const doc = await UserModel.create({
    name: input.name,
    role: input.role,
    email: input.email,
    timeZone: input.timeZone,
    npi: input.npi,
    tokenHash: hashToken(token),
    passwordHash: input.password ? await hashPassword(input.password) : undefined,
  });
  return { user: toAuthenticatedUser(doc), token };
}

/** The active user a bearer token belongs to (only its hash is stored), or null. */
export async function findUserByToken(token: string): Promise<AuthenticatedUser | null> {
  const doc = await UserModel.findOne({ tokenHash: hashToken(token), active: true }).lean<UserRecord>();
  return doc ? toAuthenticatedUser(doc) : null;
}

/** A user by id, active or not (their name still stands on what they did); 404 when none. */
export async function findUserById(id: string): Promise<AuthenticatedUser> {
  const doc = await UserModel.findById(id).lean<UserRecord>();
  if (!doc) throw notFound('User', 'USER_NOT_FOUND');
  return toAuthenticatedUser(doc);
}

/**
 * A hash no password matches, checked when no account has the address: sign-in then costs the
 * same scrypt as for a real account, so its timing does not tell which addresses are accounts.
 */
const NO_ACCOUNT_HASH = `${crypto.randomBytes(16).toString('hex')}:${crypto.randomBytes(32).toString('hex')}`;

/**
 * A refused sign-in answers no sooner than this after it began. The scrypt above costs the same
 * either way, but finding an account's record still takes the database longer than finding none,
 * more so on a busy server: a floor well above both leaves no difference to time.
 */
const REFUSED_SIGN_IN_MS = 400;

/** Web sign-in; the same message, the same work and the same time for an unknown email and a wrong password. */
export async function verifyPassword(email: string, password: string): Promise<AuthenticatedUser | null> {
  const started = performance.now();
  const doc = await UserModel.findOne({ email: email.toLowerCase(), active: true }).lean<UserRecord>();
  const [saltHex, hashHex] = (doc?.passwordHash ?? NO_ACCOUNT_HASH).split(':');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), 32);
  if (crypto.timingSafeEqual(actual, Buffer.from(hashHex, 'hex')) && doc?.passwordHash) return toAuthenticatedUser(doc);
  await sleep(Math.max(0, REFUSED_SIGN_IN_MS - (performance.now() - started)));
  return null;
}

/**
 * The clinic's active users, by name; of these roles when given (the intake form offers
 * clinicians and medical directors as the treating clinician, and anyone as the assignee).
 */
export async function listUsers(roles: Role[] = []): Promise<AuthenticatedUser[]> {
  const docs = await UserModel.find(roles.length ? { role: { $in: roles }, active: true } : { active: true })
    .sort({ name: 1 })
    .lean<UserRecord[]>();
  return docs.map(toAuthenticatedUser);
}

/**
 * The names of these users, active or not (a former colleague's name still stands on the cases
 * they were given), by id; ids that are not user ids are left out.
 */
export async function userNames(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const userIds = [...new Set(ids)].filter((id): id is string => !!id && /^[0-9a-f]{24}$/.test(id));
  if (!userIds.length) return new Map();
  const docs = await UserModel.find({ _id: { $in: userIds } })
    .select('name')
    .lean<UserRecord[]>();
  return new Map(docs.map((d) => [String(d._id), d.name]));
}

async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return `${salt.toString('hex')}:${(await scrypt(password, salt, 32)).toString('hex')}`;
}

function toAuthenticatedUser(doc: Pick<UserRecord, '_id' | 'name' | 'role'>): AuthenticatedUser {
  return { id: String(doc._id), name: doc.name, role: doc.role };
}

/** A user as others reach them: name, role, email and the time zone they keep. */
export interface UserContact extends AuthenticatedUser {
  email?: string;
  timeZone: string;
}

/**
 * The active users with these ids, and every active user of `role` when one is given (who is
 * told of escalations). Ids that are not user ids are ignored.
 */
export async function activeContacts(ids: string[], role?: Role): Promise<UserContact[]> {
  const userIds = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/.test(id));
  const docs = await UserModel.find({ $or: [{ _id: { $in: userIds } }, ...(role ? [{ role }] : [])], active: true })
    .select('name role email timeZone')
    .lean<UserRecord[]>();
  return docs.map((doc) => ({
    ...toAuthenticatedUser(doc),
    ...(doc.email ? { email: doc.email } : {}),
    timeZone: doc.timeZone ?? 'America/New_York',
  }));
}

/**
 * The active clinician or medical director whose NPI this is: the account a claim's rendering
 * provider belongs to, so an imported case reaches the physician who treated the patient.
 */
export async function findPhysicianByNpi(npi: string): Promise<AuthenticatedUser | null> {
  const doc = await UserModel.findOne({ npi, active: true, role: { $in: ['clinician', 'medical_director'] } })
    .select('name role')
    .lean<UserRecord>();
  return doc ? toAuthenticatedUser(doc) : null;
}

/** The active user with this id, or null (also for a deactivated one). */
export async function findActiveContact(id: string): Promise<UserContact | null> {
  const [user] = await activeContacts([id]);
  return user ?? null;
}

/**
 * Whether any user exists at all (the demo seeds only an empty database): one document read, where
 * FerretDB v1 answers `estimatedDocumentCount` by scanning the collection at every start.
 */
export async function hasAnyUser(): Promise<boolean> {
  return (await UserModel.findOne({}, { _id: 1 }).lean()) !== null;
}
