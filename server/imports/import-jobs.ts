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
import { markImportFailed, runImport } from './import.service.js';

export const IMPORT_JOB = 'imports:run';
const JOBS_COLLECTION = 'agenda_jobs';

function agendaOnConnection(processEvery?: number): Agenda {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The import jobs need the database connection to be open');
  return new Agenda({
    // The same Db at runtime, typed by mongoose's own copy of the driver (see notifications/scheduler.ts).
    backend: new MongoBackend({ mongo: db as never, collection: JOBS_COLLECTION }),
    processEvery: processEvery ?? 2000,
  });
}

/**
 * Queues the import for whichever instance runs import jobs (`startImportJobs`); until one does,
 * the job waits in the database. The web process need not run jobs to accept an upload.
 */
export async function queueImport(importId: string): Promise<void> {
  const agenda = agendaOnConnection();
  await agenda.ready;
  await agenda.now(IMPORT_JOB, { importId });
}

/** Runs import jobs on this instance; answers a function that stops taking them. */
export async function startImportJobs(
  deps: Pick<DomainDeps, 'config' | 'clock' | 'logger'>,
  options: { processEvery?: number } = {},
): Promise<() => Promise<void>> {
  const agenda = agendaOnConnection(options.processEvery);
  agenda.define(
    IMPORT_JOB,
    async (job: { attrs: { data?: { importId?: string } } }) => {
      const importId = String(job.attrs.data?.importId ?? '');
      try {
        await runImport(importId, deps);
      } catch (err) {
        await markImportFailed(importId, deps.clock);
        throw err;
      }
    },
    // A 10,000-claim file takes minutes; a job outliving this is presumed dead and run again (idempotent).
    { concurrency: 1, lockLifetime: 30 * 60_000 },
  );
  agenda.on('fail', (err: Error, job: { attrs: { name: string } }) =>
    deps.logger.error('import job failed', { job: job.attrs.name, error: faultForLog(err) }),
  );
  await agenda.start();
  return () => agenda.stop(false);
}
