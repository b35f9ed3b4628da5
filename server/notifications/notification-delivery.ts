/**
 * Delivering notifications through their channels, in rounds. A round tries every channel still
 * pending; a failed channel waits `retryBase × 2^(attempts − 1)` (measured on the service's
 * clock) before the next round, and is marked failed after `maxAttempts`. Each round is claimed
 * first (`claimVersion` in platform/db/versioned-write.ts: a unique insert, atomic on FerretDB v1
 * too), so two scheduler instances never deliver the same round twice.
 */
import type { Config } from '../config.js';
import { claimVersion, isStaleVersion } from '../platform/db/versioned-write.js';
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

/** Runs one round for one notification, unless another instance already has it. */
export async function deliverRound(id: string, now: Date, deps: DeliveryDeps): Promise<void> {
  const doc = await NotificationModel.findById(id).lean<NotificationRecord>();
  if (!doc || doc.status !== 'pending') return;
  const round = doc.rounds + 1;
  try {
    await claimVersion('notification', id, round);
  } catch (err) {
    if (isStaleVersion(err)) return;
    throw err;
  }
  // Read again under the claim: the copy above may predate a round another instance finished.
  const fresh = await NotificationModel.findById(id).lean<NotificationRecord>();
  if (!fresh || fresh.status !== 'pending' || fresh.rounds !== round - 1) return;

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
  await NotificationModel.updateOne(
    { _id: id, rounds: round - 1 },
    {
      $set: { channels, status, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
      ...(nextAttemptAt ? {} : { $unset: { nextAttemptAt: 1 } }),
      $push: { attempts: { $each: attempts } },
      $inc: { rounds: 1 },
    },
  );
}

/** Runs a round for every notification whose next attempt is due; a few at a time. */
export async function deliverDue(now: Date, deps: DeliveryDeps): Promise<number> {
  const due = await NotificationModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
    .sort({ nextAttemptAt: 1 })
    .limit(500)
    .select('_id')
    .lean();
  const ids = due.map((d) => String(d._id));
  for (let i = 0; i < ids.length; i += 8)
    await Promise.all(ids.slice(i, i + 8).map((id) => deliverRound(id, now, deps)));
  return ids.length;
}
