/**
 * Retrying a write that lost a race. Racers that retry at once tend to collide again while the
 * winner's write is still in flight (on FerretDB v1 a save takes a few milliseconds), so each
 * retry waits a jittered, doubling delay first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { AppError, errorFields } from '../errors.js';

/**
 * Someone else got there first: they claimed the version this write was about to create (see
 * version-claim.ts), or, when this writer read the record before a claim it then took was long
 * settled, the save's own version filter found the record moved on (mongoose's VersionError).
 */
export const isStaleVersion = (err: unknown): boolean =>
  (err instanceof AppError && err.code === 'STALE_VERSION') || err instanceof mongoose.Error.VersionError;

/** A unique index refused the insert: someone else took the same key first. */
export const isDuplicateKey = (err: unknown): boolean => errorFields(err).code === 11000;

/** Delay before retry `attempt` (1-based): 15 ms doubling up to 400 ms, times 0.5–1.5 so racers spread out. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15 * 2 ** (attempt - 1), 400) * (0.5 + Math.random());
}

/**
 * Runs `write`, and again after a delay while it fails with an error `lostRace` accepts, up to
 * `attempts` times in all; any other error, or the last one, is thrown. Twelve tries wait about
 * four seconds in all: room for ten people writing to one case at the same moment on a busy
 * server.
 */
export async function retryLostRace<T>(
  write: () => Promise<T>,
  lostRace: (err: unknown) => boolean,
  attempts = 12,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts || !lostRace(err)) throw err;
      await sleep(retryDelayMs(attempt));
    }
  }
}
