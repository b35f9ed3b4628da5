/**
 * The import job on Agenda, as the reminders' scheduler (notifications/scheduler.ts) runs its
 * scan: jobs kept in MongoDB (`agenda_jobs`) over the service's own connection, so an import
 * queued before a restart runs after it, on one instance. This instance defines only `imports:run`,
 * so it takes no other domain's jobs. A job run twice (Agenda's lock is not atomic on FerretDB v1)
 * makes nothing twice: cases are matched by their unique claim key.
 */
import mongoose from 'mongoose';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { DomainDeps } from '../platform/domain-deps.js';
import { faultForLog } from '../platform/logging.js';
import { IMPORT_TIME_LIMIT_MS, runImport } from './import.service.js';

export const IMPORT_JOB = 'imports:run';
const JOBS_COLLECTION = 'agenda_jobs';

/** The Agenda, and the connection's Db it was made over. */
let handle: { db: object; agenda: Promise<Agenda> } | undefined;

/**
 * The process's one Agenda for imports, made on first use over the service's connection: an
 * upload queues through it, and a process that runs import jobs runs them on it too. Closed by
 * `closeImportJobs` at shutdown.
 */
function importAgenda(): Promise<Agenda> {
  const db = mongoose.connection.db;
  if (!db) return Promise.reject(new Error('The import jobs need the database connection to be open'));
  // One made over a connection since closed and opened again would answer every queueing with
  // "client closed" (a 503): it is stopped, and a new one made over the open connection.
  if (handle && handle.db !== db) void closeImportJobs().catch(() => undefined);
  if (!handle) {
    const agenda = (async () => {
      const made = new Agenda({
        // The same Db at runtime, typed by mongoose's own copy of the driver (see notifications/scheduler.ts).
        backend: new MongoBackend({ mongo: db as never, collection: JOBS_COLLECTION }),
        processEvery: 2000,
      });
      await made.ready;
      return made;
    })();
    const made = { db, agenda };
    agenda.catch(() => {
      if (handle === made) handle = undefined;
    });
    handle = made;
  }
  return handle.agenda;
}

/**
 * Queues the import for whichever instance runs import jobs (`startImportJobs`); until one does,
 * the job waits in the database. The web process need not run jobs to accept an upload.
 */
export async function queueImport(importId: string): Promise<void> {
  await (await importAgenda()).now(IMPORT_JOB, { importId });
}

/**
 * Stops the process's import Agenda (and the jobs it runs, which are unlocked for another run);
 * the next queueing makes a new one. The connection is the service's and stays open.
 */
export async function closeImportJobs(): Promise<void> {
  const current = handle;
  handle = undefined;
  if (current) await (await current.agenda).stop(false);
}

/** Runs import jobs on this instance; answers a function that stops taking them (`closeImportJobs`). */
export async function startImportJobs(
  deps: Pick<DomainDeps, 'config' | 'clock' | 'logger'>,
  options: { processEvery?: number } = {},
): Promise<() => Promise<void>> {
  const agenda = await importAgenda();
  if (options.processEvery) agenda.processEvery(options.processEvery);
  agenda.define(
    IMPORT_JOB,
    async (job: { attrs: { data?: { importId?: string } } }) => {
      // A fault marks the import failed (runImport) and is logged below.
      await runImport(String(job.attrs.data?.importId ?? ''), deps);
    },
    // A 10,000-claim file takes minutes; a job outliving this is presumed dead and run again (idempotent).
    { concurrency: 1, lockLifetime: IMPORT_TIME_LIMIT_MS },
  );
  agenda.on('fail', (err: Error, job: { attrs: { name: string } }) =>
    deps.logger.error('import job failed', { job: job.attrs.name, error: faultForLog(err) }),
  );
  await agenda.start();
  return closeImportJobs;
}
