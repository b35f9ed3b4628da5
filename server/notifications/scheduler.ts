/**
 * The job scheduler: Agenda, with its jobs kept in MongoDB (collection `agenda_jobs`) over the
 * service's own mongoose connection. One recurring job, `reminders:scan`, runs
 * `runDueReminders` every REMINDER_SCAN_SECONDS; because it is stored, a restarted or second
 * instance carries on where the schedule stands.
 *
 * Exactly-once does not rest on Agenda's job lock. On FerretDB v1 a conditional
 * findOneAndUpdate is not atomic (measured: two instances both locked, and ran, the same job),
 * so Agenda may run a scan on two instances at once. That is harmless by design: every notice is
 * recorded under a unique key and every delivery round is claimed by a unique insert, both
 * enforced by the storage engine on FerretDB and MongoDB alike.
 */
import mongoose from 'mongoose';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { DomainDeps } from '../platform/domain-deps.js';
import { faultForLog } from '../platform/logging.js';
import { runDueReminders, type ScanResult } from './reminder.service.js';
import type { Channel } from './notification-channels.js';

export const SCAN_JOB = 'reminders:scan';
const JOBS_COLLECTION = 'agenda_jobs';

export interface SchedulerOptions {
  /** How often Agenda looks for due jobs (ms or a human interval); default a tenth of the scan interval. */
  processEvery?: number | string;
  /** Channels to deliver through; default the configured ones. */
  channels?: Channel[];
  /** Names this instance in the jobs it locks (lastModifiedBy). */
  name?: string;
}

export interface Scheduler {
  /** Queues a scan now and resolves once an instance has finished it (bounded wait). */
  scanNow(timeoutMs?: number): Promise<void>;
  /** Stops taking jobs and releases the ones this instance holds; the connection stays open. */
  stop(): Promise<void>;
  /** The last scan this instance ran, for logs and tests. */
  readonly lastScan: ScanResult | undefined;
}

/** Starts an Agenda instance sharing the service's database connection. */
export async function startScheduler(deps: DomainDeps, options: SchedulerOptions = {}): Promise<Scheduler> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The scheduler needs the database connection to be open');
  const scanSeconds = deps.config.reminders.scanSeconds;
  const agenda = new Agenda({
    // The same Db at runtime; its type comes from mongoose's own copy of the mongodb driver,
    // which Agenda's backend (typed by the top-level copy) does not accept as its own.
    backend: new MongoBackend({ mongo: db as never, collection: JOBS_COLLECTION }),
    processEvery: options.processEvery ?? Math.max(1000, (scanSeconds * 1000) / 10),
    name: options.name,
  });
  let lastScan: ScanResult | undefined;
  let lastStart: number | undefined;
  agenda.define(
    SCAN_JOB,
    async () => {
      // Lag: how much longer than its interval this instance waited since its last scan began.
      const start = Date.now();
      if (lastStart !== undefined) deps.metrics?.jobStarted(SCAN_JOB, (start - lastStart) / 1000 - scanSeconds);
      lastStart = start;
      lastScan = await runDueReminders(deps.clock.now(), {
        config: deps.config,
        logger: deps.logger,
        clock: deps.clock,
        channels: options.channels,
        metrics: deps.metrics,
      });
      if (lastScan.created || lastScan.rounds) deps.logger.info('reminders scanned', { ...lastScan });
    },
    // A scan that outlives this is presumed dead and may be taken over; duplicates are harmless.
    { concurrency: 1, lockLifetime: 5 * 60_000 },
  );
  agenda.on('fail', (err: Error, job: { attrs: { name: string } }) =>
    deps.logger.error('scheduled job failed', { job: job.attrs.name, error: faultForLog(err) }),
  );
  await agenda.start();
  await agenda.every(`${scanSeconds} seconds`, SCAN_JOB);

  const jobs = db.collection(JOBS_COLLECTION);
  return {
    get lastScan() {
      return lastScan;
    },
    async scanNow(timeoutMs = 15_000) {
      const job = await agenda.now(SCAN_JOB);
      const deadline = Date.now() + timeoutMs;
      // Bounded wait for whichever instance picks the job up; Agenda runs it on its own timer.
      for (;;) {
        const stored = await jobs.findOne({ _id: new mongoose.Types.ObjectId(String(job.attrs._id)) });
        if (!stored || stored.lastFinishedAt) {
          if (stored?.failReason && stored.failedAt && stored.failedAt >= stored.lastFinishedAt)
            throw new Error(`reminder scan failed: ${stored.failReason}`);
          return;
        }
        if (Date.now() > deadline) throw new Error(`reminder scan did not finish within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      await agenda.stop(false);
    },
  };
}
