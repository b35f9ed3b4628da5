/**
 * Delivering notifications through their channels, in rounds. A round tries every channel still
 * pending; a failed channel waits `retryBase × 2^(attempts − 1)` (measured on the service's
 * clock) before the next round, and is marked failed after `maxAttempts`. Each round is claimed
 * first (`claimVersions` in platform/db/versioned-write.ts: a unique insert, atomic on FerretDB v1
 * too), so two scheduler instances never deliver the same round twice. Rounds go in groups: the
 * due notices are read once per batch, each group's rounds are claimed in one insert, and their
 * results are written in one bulk write of updates by `_id`, the one filter FerretDB v1 pushes
 * down (an update filtered on anything else reads every notification ever sent).
 */
import type { AnyBulkWriteOperation } from 'mongoose';
import type { Config } from '../config.js';
import { claimVersions } from '../platform/db/versioned-write.js';
import type { Logger } from '../platform/logging.js';
import { NotificationModel, type Attempt, type ChannelState, type NotificationRecord } from './notification.model.js';
import type { Channel } from './notification-channels.js';
import type { Metrics } from '../platform/metrics.js';

export interface DeliveryDeps {
  config: Pick<Config, 'notify'>;
  logger: Logger;
  channels: Channel[];
  metrics?: Metrics;
}

/** Delay before the attempt after `attempts` failures. */
export function backoffMs(attempts: number, baseSeconds: number): number {
  return baseSeconds * 1000 * 2 ** (attempts - 1);
}

/** Notices read per due read; the rounds of one batch are claimed, sent and marked together. */
const DUE_BATCH = 500;
/**
 * Rounds sent at once, and marked in one bulk write: also the most a crash mid-batch can send again.
 * Far below 100: FerretDB v1 holds one of its 100 SQLite connections for each update of a bulk
 * write until the write ends, and a write of 100 updates waits for a connection forever.
 */
const SEND_AT_ONCE = 16;

/**
 * Runs round `doc.rounds + 1` of this notification, whose claim the caller holds.
 * @returns the update that records the round (by `_id`), or undefined when the round is already run
 */
async function runClaimedRound(
  doc: Pick<NotificationRecord, '_id' | 'rounds'>,
  now: Date,
  deps: DeliveryDeps,
): Promise<AnyBulkWriteOperation<NotificationRecord> | undefined> {
  const id = String(doc._id);
  const round = doc.rounds + 1;
  // Read again under the claim, by `_id` (pushed down on FerretDB v1): the batch's copy may predate
  // a round another instance finished.
  const fresh = await NotificationModel.findById(id).lean<NotificationRecord>();
  if (!fresh || fresh.status !== 'pending' || fresh.rounds !== round - 1) return undefined;

  const { maxAttempts, retryBaseSeconds } = deps.config.notify;
  const attempts: Attempt[] = [];
  const channels: ChannelState[] = [];
  for (const state of fresh.channels) {
    const channel = deps.channels.find((c) => c.name === state.name);
    if (state.status !== 'pending' || !channel) {
      channels.push(state);
      continue;
    }
    const n = state.attempts + 1;
    try {
      const result = await channel.send(fresh, now);
      deps.metrics?.delivery(state.name, result.skipped ? 'skipped' : 'sent');
      attempts.push({ round, channel: state.name, at: now, ok: true, detail: result.detail });
      channels.push({
        ...state,
        attempts: n,
        status: result.skipped ? 'skipped' : 'delivered',
        deliveredAt: result.skipped ? undefined : now,
        lastError: undefined,
      });
    } catch (err) {
      const detail = err instanceof Error ? err.message.slice(0, 200) : 'failed';
      deps.metrics?.delivery(state.name, 'failed');
      attempts.push({ round, channel: state.name, at: now, ok: false, detail });
      channels.push({ ...state, attempts: n, status: n >= maxAttempts ? 'failed' : 'pending', lastError: detail });
      deps.logger.warn('notification delivery failed', { notificationId: id, channel: state.name, attempt: n, detail });
    }
  }
  const pending = channels.filter((c) => c.status === 'pending');
  const status = pending.length ? 'pending' : channels.some((c) => c.status === 'failed') ? 'failed' : 'delivered';
  const nextAttemptAt = pending.length
    ? new Date(now.getTime() + Math.min(...pending.map((c) => backoffMs(c.attempts, retryBaseSeconds))))
    : undefined;
  // Filtered by `_id` alone, as versioned-write.ts writes under a claim: no other instance can write
  // this notification before the next round's claim, which needs this write first.
  return {
    updateOne: {
      filter: { _id: fresh._id },
      update: {
        $set: { channels, status, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
        ...(nextAttemptAt ? {} : { $unset: { nextAttemptAt: 1 } }),
        $push: { attempts: { $each: attempts } },
        $inc: { rounds: 1 },
      },
    },
  };
}

/** A new notice's delivery state: pending on every channel, its first round due now (or `no_channel`). */
export function firstDelivery(channels: Channel[], now: Date) {
  return {
    status: channels.length ? ('pending' as const) : ('no_channel' as const),
    channels: channels.map((c) => ({ name: c.name, status: 'pending' as const, attempts: 0 })),
    attempts: [],
    rounds: 0,
    ...(channels.length ? { nextAttemptAt: now } : {}),
    createdAt: now,
  };
}

/** Runs the first round of one notification now (an alert), instead of waiting for the next scan. */
export async function deliverOne(
  doc: Pick<NotificationRecord, '_id' | 'rounds'>,
  now: Date,
  deps: DeliveryDeps,
): Promise<void> {
  const [ours] = await claimVersions('notification', [{ id: String(doc._id), nextVersion: doc.rounds + 1 }]);
  const mark = ours ? await runClaimedRound(doc, now, deps) : undefined;
  if (mark) await NotificationModel.bulkWrite([mark]);
}

/**
 * Runs a round for every notification whose next attempt is due: one read of the due notices per
 * batch of DUE_BATCH, then SEND_AT_ONCE rounds at a time, each group recorded by one bulk write.
 * @returns the rounds this instance ran
 */
export async function deliverDue(now: Date, deps: DeliveryDeps): Promise<number> {
  let rounds = 0;
  for (;;) {
    // Index status_1_nextAttemptAt_1 (FerretDB v1 reads the collection: once a batch, not once a notice).
    const due = await NotificationModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(DUE_BATCH)
      .select('_id rounds')
      .lean<Pick<NotificationRecord, '_id' | 'rounds'>[]>();
    let ran = 0;
    for (let i = 0; i < due.length; i += SEND_AT_ONCE) {
      const group = due.slice(i, i + SEND_AT_ONCE);
      // The group's rounds claimed in one write; a round another instance holds is left to it.
      const ours = await claimVersions(
        'notification',
        group.map((d) => ({ id: String(d._id), nextVersion: d.rounds + 1 })),
      );
      const marks = (
        await Promise.all(group.map((d, k) => (ours[k] ? runClaimedRound(d, now, deps) : undefined)))
      ).filter((m) => m !== undefined);
      if (marks.length) await NotificationModel.bulkWrite(marks, { ordered: false });
      ran += marks.length;
    }
    rounds += ran;
    // A short batch was the last; one whose rounds all belonged to another instance would come back unchanged.
    if (due.length < DUE_BATCH || ran === 0) return rounds;
  }
}
