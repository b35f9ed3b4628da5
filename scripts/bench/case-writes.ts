/**
 * `npx tsx scripts/bench/case-writes.ts [cases] [runs]`: what one timeline note and one
 * version-checked case save cost on a database of a stated size, beside the bare driver write
 * of the same change (the floor), measured interleaved (note, save, bare, note, save, bare…) so
 * that the machine's load falls on every arm alike. Provisions its own local server (or uses
 * MONGODB_URI) with a throwaway database. Not a test: nothing here passes or fails.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { SystemClock } from '../../server/platform/clock.js';
import { addTimelineNote, openCase, updateCase, type NewCase } from '../../server/cases/index.js';
import type { AuthenticatedUser } from '../../server/platform/http/authenticated-user.js';
import { caseBody } from '../../test/support/factories.js';

const CASES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 15);
const actor: AuthenticatedUser = { id: 'bench-user', name: 'Bench User', role: 'billing' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** `CASES` cases: one opened through the service, the rest copies of it under their own ids and references. */
async function seed(clock: SystemClock): Promise<string[]> {
  const first = await openCase(caseBody() as unknown as NewCase, actor, { clock });
  const cases = mongoose.connection.collection('cases');
  const template = await cases.findOne({ _id: new mongoose.Types.ObjectId(first.id) });
  const { _id: _omit, ...fields } = template!;
  const ids = [first.id];
  for (let start = 1; start < CASES; start += 500) {
    const batch = Array.from({ length: Math.min(500, CASES - start) }, (_, k) => ({
      ...fields,
      _id: new mongoose.Types.ObjectId(),
      reference: `OVT-BENCH-${String(start + k).padStart(6, '0')}`,
    }));
    await cases.insertMany(batch);
    ids.push(...batch.map((c) => String(c._id)));
  }
  return ids;
}

async function main() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-case-writes-'));
  const config = loadConfig({ ...process.env, DATA_DIR: tmp, LOG_LEVEL: 'error' });
  const db = await openDatabase(config, createLogger('error', true), { dbName: `bench_case_writes_${process.pid}` });
  const clock = new SystemClock(config.clinic.timeZone);
  try {
    const ids = await seed(clock);
    const cases = mongoose.connection.collection<{ __v: number; timeline: object[] }>('cases');
    const arms = {
      note: (id: string) =>
        addTimelineNote(id, { note: 'Called the payer; reviewer on leave until Monday.' }, actor, { clock }),
      save: async (id: string) => {
        const version = (await cases.findOne({ _id: new mongoose.Types.ObjectId(id) }, { projection: { __v: 1 } }))!
          .__v;
        return updateCase(id, version as number, { amountAtStake: 1000 + Math.random() }, actor, { clock });
      },
      'bare write': (id: string) =>
        cases.updateOne(
          { _id: new mongoose.Types.ObjectId(id) },
          {
            $push: { timeline: { at: new Date(), actorId: actor.id, actorName: actor.name, type: 'note', note: 'x' } },
          },
        ),
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
    for (let run = 0; run < RUNS; run++)
      for (const [name, arm] of Object.entries(arms)) {
        const id = ids[Math.floor(Math.random() * ids.length)];
        times[name].push(await timed(() => arm(id)));
      }
    console.log(`server: ${db.kind}; ${CASES} cases; ${RUNS} runs of each, interleaved; median (min–max) ms`);
    const ms = (x: number) => x.toFixed(1);
    for (const [name, xs] of Object.entries(times))
      console.log(
        `  ${name.padEnd(11)} ${ms(median(xs)).padStart(8)}  (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`,
      );
  } finally {
    await mongoose.connection.db?.dropDatabase();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

await main();
