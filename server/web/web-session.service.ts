/**
 * Web sign-in sessions and their CSRF tokens. A session is a random 256-bit id in an httpOnly
 * cookie; the CSRF token is an HMAC of that id under SESSION_SECRET (a synchronizer token that
 * needs no storage). Before sign-in, a throwaway "pre-session" cookie plays the same part so
 * that the sign-in form itself is protected against login CSRF.
 */
import crypto from 'node:crypto';
import { WebSessionModel } from './web-session.model.js';
import { findActiveContact, type AuthenticatedUser } from '../auth/index.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../config.js';

const MINUTE = 60_000;
/** A sliding session is written back at most this often, not on every request. */
const TOUCH_EVERY_MS = MINUTE;
/** However active, a session ends after 12 hours: a shift, not a week. */
const ABSOLUTE_MS = 12 * 60 * MINUTE;

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
export const randomId = () => crypto.randomBytes(32).toString('base64url');

export interface SignedIn {
  user: AuthenticatedUser;
  sessionId: string;
}

/** Starts a session for a user who just proved their password; returns the cookie value. */
export async function startSession(
  user: AuthenticatedUser,
  clock: Clock,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<string> {
  const now = clock.now();
  const sessionId = randomId();
  await WebSessionModel.deleteMany({ expiresAt: { $lt: now } });
  await WebSessionModel.create({
    _id: sha256(sessionId),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: idleExpiry(now, now, config),
  });
  return sessionId;
}

/** The user behind a cookie value, or null when unknown, expired or the user was deactivated. */
export async function resumeSession(
  sessionId: string,
  clock: Clock,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<SignedIn | null> {
  const now = clock.now();
  const row = await WebSessionModel.findById(sha256(sessionId)).lean();
  if (!row || row.expiresAt <= now) return null;
  // A deactivated user's open sessions end at their next request.
  const contact = await findActiveContact(row.userId);
  if (!contact) return null;
  const user: AuthenticatedUser = { id: contact.id, name: contact.name, role: contact.role };
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await WebSessionModel.updateOne(
      { _id: row._id },
      { $set: { lastSeenAt: now, expiresAt: idleExpiry(row.createdAt, now, config) } },
    );
  }
  return { user, sessionId };
}

/** Signs out: the session row goes, so the cookie opens nothing any more. */
export async function endSession(sessionId: string): Promise<void> {
  await WebSessionModel.deleteOne({ _id: sha256(sessionId) });
}

function idleExpiry(createdAt: Date, now: Date, config: Pick<Config, 'sessionIdleMinutes'>): Date {
  return new Date(Math.min(now.getTime() + config.sessionIdleMinutes * MINUTE, createdAt.getTime() + ABSOLUTE_MS));
}

/** The CSRF token bound to a session (or pre-session) id. */
export function csrfTokenFor(boundTo: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${boundTo}`).digest('base64url');
}

export function csrfTokenMatches(boundTo: string, token: unknown, secret: string): boolean {
  if (typeof token !== 'string' || !token) return false;
  const expected = Buffer.from(csrfTokenFor(boundTo, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
