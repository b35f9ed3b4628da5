/**
 * Data migrations: named, ordered changes to stored records that run once per database, at
 * start and by `npm run migrate`. Each is also idempotent on its own (it finds only records
 * still in the old shape), so a run interrupted half-way is simply run again. The ledger
 * (`migrations`) only spares a started service from looking again.
 */
import mongoose from 'mongoose';
import type { Logger } from '../logging.js';

export interface Migration {
  /** Stable name, dated: `2026-11-p2p-own-track`. */
  id: string;
  /** What it corrects, for the log and the ledger. */
  description: string;
  /** Returns how many records it changed. */
  run: () => Promise<number>;
}

interface LedgerEntry {
  _id: string;
  description: string;
  changed: number;
  appliedAt: Date;
}

const ledger = () => mongoose.connection.collection<LedgerEntry>('migrations');

/**
 * Runs, in order, the migrations this database has not recorded, and records each after it
 * finishes. A failure stops the run (later migrations may build on it) and is thrown.
 * @returns the ids run now
 */
export async function runMigrations(migrations: readonly Migration[], logger: Logger): Promise<string[]> {
  const done = new Set(
    (
      await ledger()
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((m) => m._id),
  );
  const ran: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    const changed = await migration.run();
    await ledger().updateOne(
      { _id: migration.id },
      { $set: { description: migration.description, changed, appliedAt: new Date() } },
      { upsert: true },
    );
    logger.info('migration applied', { migration: migration.id, changed });
    ran.push(migration.id);
  }
  return ran;
}
