/**
 * An import's reading into cases (`readIntoCases`), run in a worker thread by `runImport`: a heap
 * of its own, limited (`resourceLimits`), so that the garbage of a long import is collected within
 * that limit instead of growing the service's heap with the file (bench: imports). The worker has
 * its own mongoose and its own connection to the same database, opened for the task and closed
 * after it.
 */
import type { MessagePort } from 'node:worker_threads';
import mongoose from 'mongoose';
import { chooseWriteGuard } from '../platform/db/versioned-write.js';
import { dateIn, type Clock } from '../platform/clock.js';
import type { Config } from '../config.js';
import { ImportModel, type ImportRecord } from './import.model.js';
import { readIntoCases } from './import-reading.js';

export interface ImportReadInput {
  importId: string;
  /** The stored file (`importFilePath`). */
  file: string;
  /** The connection string of the service's database. */
  uri: string;
  atomicUpdates: Config['dbAtomicUpdates'];
  selectionTimeoutMs: number;
  /** The job's clock: its zone, and how far it stood from the system's at the start. */
  clock: { timeZone: string; offsetMs: number };
  /** Told each `LoopProgress` as the loop saves it (the CLI's progress bar). */
  port: MessagePort;
}

/** The job's clock in the worker: it runs on from where the job's clock stood when the task began. */
function clockOf({ timeZone, offsetMs }: ImportReadInput['clock']): Clock {
  const now = () => new Date(Date.now() + offsetMs);
  return { timeZone, now, today: () => dateIn(now(), timeZone) };
}

export default async function readImport(input: ImportReadInput): Promise<void> {
  mongoose.set('strictQuery', true);
  // The service built the indexes and collections already; the worker's models only use them.
  await mongoose.connect(input.uri, {
    serverSelectionTimeoutMS: input.selectionTimeoutMs,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await chooseWriteGuard(input.atomicUpdates);
    const record = await ImportModel.findById(input.importId).lean<ImportRecord>();
    if (!record) throw new Error('the import to read is not stored');
    await readIntoCases(input.importId, record, input.file, clockOf(input.clock), (progress) =>
      input.port.postMessage(progress),
    );
  } finally {
    await mongoose.disconnect();
  }
}
