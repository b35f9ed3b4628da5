/**
 * `npm run bench -- reminders [--cases=1000,10000] [--runs=3] [--notices=1000]`: what one reminder
 * pass and one delivery of due notices cost on a database of a stated size, beside the bare
 * driver doing the same reads and writes (the floor), the two arms interleaved (A B A B…) so the
 * machine's load falls on both alike.
 *
 * - A pass over N open cases, a quarter of them with a deadline inside the reminder horizon:
 *   `runDueReminders` with no channel configured (recording only), first with nothing recorded
 *   yet (every due notice created), then again (every notice known). The floor reads the same
 *   cases with the same filter and inserts the same number of notices into a collection of its
 *   own with the same unique key.
 * - Delivering `notices` due notices to a webhook receiver on 127.0.0.1: `deliverDue` until
 *   nothing is left, beside the bare driver reading the due notices, posting each (as many at a
 *   time as the service does) and marking each group in one bulk write by `_id`, as the service
 *   does. Not all of them in one: FerretDB v1 keeps a connection of its 100 to SQLite open for
 *   each statement of an update command until the command ends, so a command of 100 updates
 *   waits forever for a connection, and the whole server with it (the floor did, at 100 notices).
 *
 * `--cases=0` or `--notices=0` leaves that part out. Provisions its own local server (or uses
 * MONGODB_URI) with a throwaway database. Not a test: nothing here passes or fails.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { FixedClock } from '../../server/platform/clock.js';
import { createUser } from '../../server/auth/index.js';
import { openCase, type NewCase } from '../../server/cases/index.js';
import { runDueReminders, webhookChannel } from '../../server/notifications/index.js';
import { deliverDue } from '../../server/notifications/notification-delivery.js';
import { caseBody } from '../../test/support/factories.js';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = option('cases', '1000,10000').split(',').map(Number).filter(Boolean);
const RUNS = Number(option('runs', '3'));
const NOTICES = Number(option('notices', '1000'));
/** The floor posts as many notices at a time as the service's delivery does. */
const SEND_AT_ONCE = 16;
const SECRET = 'bench-webhook-secret-0123456789';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A receiver that reads each body and answers 200, counting what arrived. */
async function startReceiver() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      received++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Open cases up to `size`: copies of one opened through the service; three in four due after the horizon. */
async function growTo(size: number, template: Record<string, unknown>, lateDue: string): Promise<void> {
  const cases = mongoose.connection.collection('cases');
  const { _id: _omit, ...fields } = template as { _id: unknown };
  const late = {
    ...fields,
    deadlines: (fields as { deadlines: { dueDate: string }[] }).deadlines.map((d) => ({ ...d, dueDate: lateDue })),
    dueOrder: `${lateDue}T24:00`,
    worklistDue: `${lateDue}T24:00`,
    nextDueDate: lateDue,
  };
  for (let have = await cases.countDocuments({}); have < size;) {
    const batch = Array.from({ length: Math.min(500, size - have) }, (_, k) => ({
      ...((have + k) % 4 === 0 ? fields : late),
      _id: new mongoose.Types.ObjectId(),
      reference: `OVT-BENCH-${String(have + k).padStart(6, '0')}`,
    }));
    await cases.insertMany(batch);
    have += batch.length;
  }
}

/** A pending notice as the service records it, due now, for the webhook. */
const pendingNotice = (n: number, now: Date) => ({
  _id: new mongoose.Types.ObjectId(),
  key: `case:bench${n}:filing:2026-12-01:3d:${now.getTime()}`,
  kind: 'reminder',
  subject: { type: 'case', id: `bench${n}`, caseId: `bench${n}`, reference: `OVT-BENCH-${n}` },
  deadline: { kind: 'filing', due: '2026-12-01' },
  offsetMinutes: 4320,
  recipients: [{ userId: 'u1', name: 'Bench Biller', role: 'billing' }],
  message: { title: `OVT-BENCH-${n}: appeal filing deadline`, text: 'Due in 3 days.', link: 'http://x/cases/1' },
  status: 'pending',
  channels: [{ name: 'webhook', status: 'pending', attempts: 0 }],
  attempts: [],
  rounds: 0,
  nextAttemptAt: now,
  createdAt: now,
});

async function main() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-reminders-'));
  const base = loadConfig({ ...process.env, DATA_DIR: tmp, LOG_LEVEL: 'error' });
  const logger = createLogger('error', true);
  const db = await openDatabase(base, logger, { dbName: `bench_reminders_${process.pid}` });
  const receiver = await startReceiver();
  try {
    const opened = new Date('2026-11-23T14:00:00Z');
    const biller = (await createUser({ name: 'Bench Biller', role: 'billing' })).user;
    const body = caseBody({ assigneeId: biller.id }) as unknown as NewCase;
    const first = await openCase(body, biller, { clock: new FixedClock(opened, base.clinic.timeZone) });
    const cases = mongoose.connection.collection('cases');
    const template = (await cases.findOne({ _id: new mongoose.Types.ObjectId(first.id) }))!;
    const due = (template.deadlines as { dueDate: string }[]).map((d) => d.dueDate).sort()[0];
    // Three days before the soonest deadline, after the clinic's reminder hour: its 3-day reminder is due.
    const now = new Date(`${due}T15:00:00Z`);
    now.setUTCDate(now.getUTCDate() - 3);
    const lateDue = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
    const clock = new FixedClock(now, base.clinic.timeZone);
    const config = { ...base, notify: { ...base.notify, webhookUrl: undefined, webhookSecret: undefined } };
    const deps = { config, logger, clock, channels: [] };
    const notifications = mongoose.connection.collection('notifications');
    const floorNotices = mongoose.connection.collection('bench_notifications');
    await floorNotices.createIndex({ key: 1 }, { unique: true });
    const horizonMs = Math.max(...base.reminders.deadlineOffsetsMinutes) * 60_000;
    const until = new Date(now.getTime() + horizonMs + 86_400_000).toISOString().slice(0, 10);

    /** The floor's pass: the same open cases read, the same number of notices inserted (duplicates refused). */
    const floorPass = async () => {
      const read = await cases
        .find(
          { statusGroup: 'open', worklistDue: { $lte: `${until}T24:00` } },
          { projection: { reference: 1, assigneeId: 1, 'treatingClinician.userId': 1, deadlines: 1 } },
        )
        .toArray();
      const docs = read.map((c, k) => ({ ...pendingNotice(k, now), key: `case:${String(c._id)}:filing:3d` }));
      await floorNotices.insertMany(docs, { ordered: false }).catch((err: { code?: number }) => {
        if (err.code !== 11000 && !String(err).includes('E11000')) throw err;
      });
      return read.length;
    };

    console.log(
      `server: ${db.kind}; a pass at ${now.toISOString()}, one case in four due within the horizon; ` +
        `${RUNS} runs of each arm, interleaved; median (min–max)`,
    );
    const fmt = (xs: number[]) =>
      `${median(xs).toFixed(0).padStart(7)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
    for (const size of SIZES) {
      await growTo(size, template, lateDue);
      const times: Record<string, number[]> = {
        'first pass': [],
        'floor, first': [],
        'repeat pass': [],
        'floor, repeat': [],
      };
      let created = 0;
      for (let run = 0; run < RUNS; run++) {
        await notifications.deleteMany({});
        await floorNotices.deleteMany({});
        times['first pass'].push(await timed(async () => (created = (await runDueReminders(now, deps)).created)));
        times['floor, first'].push(await timed(floorPass));
        times['repeat pass'].push(await timed(() => runDueReminders(now, deps)));
        times['floor, repeat'].push(await timed(floorPass));
      }
      console.log(`  ${size} open cases, ${created} notices due:`);
      for (const [name, xs] of Object.entries(times))
        console.log(`    ${name.padEnd(14)} ${fmt(xs)}  ${(1000 / median(xs)).toFixed(2)} passes/s`);
    }

    // Delivery: each run starts from `NOTICES` pending notices, nothing else in the collection.
    if (!NOTICES) return;
    const channels = [webhookChannel(receiver.url, SECRET)];
    const deliveryDeps = { config: base, logger, channels };
    const times: Record<string, number[]> = { service: [], floor: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const arm of ['service', 'floor'] as const) {
        const store = arm === 'service' ? notifications : floorNotices;
        await store.deleteMany({});
        await store.insertMany(Array.from({ length: NOTICES }, (_, n) => pendingNotice(n, now)));
        const before = receiver.received();
        times[arm].push(
          await timed(async () => {
            if (arm === 'service') {
              while ((await deliverDue(now, deliveryDeps)) > 0);
              return;
            }
            const todo = await store.find({ status: 'pending', nextAttemptAt: { $lte: now } }).toArray();
            for (let i = 0; i < todo.length; i += SEND_AT_ONCE) {
              const sent = await Promise.all(
                todo.slice(i, i + SEND_AT_ONCE).map(async (n) => {
                  const res = await fetch(receiver.url, { method: 'POST', body: JSON.stringify(n) });
                  await res.arrayBuffer();
                  return {
                    updateOne: {
                      filter: { _id: n._id },
                      update: { $set: { status: 'delivered' }, $inc: { rounds: 1 }, $unset: { nextAttemptAt: 1 } },
                    },
                  };
                }),
              );
              await store.bulkWrite(sent, { ordered: false });
            }
          }),
        );
        const arrived = receiver.received() - before;
        if (arrived !== NOTICES) throw new Error(`${arm}: ${arrived} of ${NOTICES} notices arrived`);
      }
    }
    console.log(`  delivering ${NOTICES} due notices to a local webhook:`);
    for (const [name, xs] of Object.entries(times))
      console.log(`    ${name.padEnd(14)} ${fmt(xs)}  ${((NOTICES * 1000) / median(xs)).toFixed(1)} deliveries/s`);
  } finally {
    await receiver.close();
    await mongoose.connection.db?.dropDatabase();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The section's entry point for scripts/bench.ts. */
export const bench = main;
