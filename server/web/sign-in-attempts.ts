/**
 * Failed sign-ins counted in the database, so that every instance of the service sees the same
 * count (express-rate-limit's own store counts per process, and a clinic may run several).
 * One record per attempt rather than a counter: an insert is atomic on FerretDB v1 as on
 * MongoDB, while a counter's $inc on FerretDB v1 is a read then a write that a burst of
 * parallel guesses could race past. Attempts are keyed by a hash of address and account, so
 * neither a staff member's email nor an address is stored.
 */
import crypto from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import type { Store } from 'express-rate-limit';
import type { Clock } from '../platform/clock.js';

const attemptSchema = new Schema(
  { key: { type: String, required: true, index: true }, at: { type: Date, required: true, index: true } },
  { versionKey: false },
);
const SignInAttemptModel = mongoose.model('SignInAttempt', attemptSchema, 'sign_in_attempts');

/** The key of an account tried from an address. */
export const attemptKey = (address: string, email: unknown): string =>
  crypto
    .createHash('sha256')
    .update(
      `${address}\n${String(email ?? '')
        .trim()
        .toLowerCase()}`,
    )
    .digest('hex');

export function signInAttemptStore(clock: Clock, windowMs: number): Store {
  const since = () => new Date(clock.now().getTime() - windowMs);
  const count = async (key: string) => {
    const attempts = await SignInAttemptModel.find({ key, at: { $gt: since() } })
      .select('at')
      .sort({ at: 1 })
      .lean();
    return {
      totalHits: attempts.length,
      resetTime: attempts.length ? new Date(attempts[0].at.getTime() + windowMs) : undefined,
    };
  };
  return {
    localKeys: false,
    prefix: 'sign-in:',
    get: count,
    async increment(key) {
      await SignInAttemptModel.create({ key, at: clock.now() });
      // Attempts older than the window decide nothing; FerretDB v1 does not promise TTL deletion.
      await SignInAttemptModel.deleteMany({ at: { $lte: since() } });
      return count(key);
    },
    // A successful sign-in does not count against the account.
    async decrement(key) {
      const last = await SignInAttemptModel.findOne({ key }).sort({ at: -1 }).select('_id').lean();
      if (last) await SignInAttemptModel.deleteOne({ _id: last._id });
    },
    async resetKey(key) {
      await SignInAttemptModel.deleteMany({ key });
    },
  };
}
