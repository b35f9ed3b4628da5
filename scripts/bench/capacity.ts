/**
 * `npm run bench -- capacity [--cases=100,…,20000] [--rounds=2] [--slot=5] [--max-turn=60]
 * [--probes=worklist] [--clients=1,10] [--no-startup]`: what the local default database serves on the service's
 * real query mix at a stated number of cases, with 1 client and with 10, beside a bare Express +
 * driver app (scripts/bench/bare-app.ts) sending the same queries to the same database and
 * indexes: the floor. Each row gives both arms' own CPU per answer beside their wall times, and
 * each size first gives the CPU each arm spends a second while idle, which a slow answer includes.
 *
 * The service runs as it starts in production (server/index.ts: migrations, indexes, the full
 * middleware chain, a billing user's token; background jobs off), the bare app beside it, each in
 * its own process. For each request and number of clients the two arms take turns, service then
 * bare, `rounds` times (A B A B…), so the load other work puts on the machine falls on both alike.
 * A turn lasts `slot` seconds: each client sends its next request only while the slot lasts, and
 * the turn ends when the last answer arrives, so a slow request is counted, never cut off. Where
 * a scan makes that impossible in reasonable time, the bench says so instead of measuring: after a
 * turn longer than `max-turn` seconds no further round is run, and ten clients are not run where
 * ten single answers would take longer than that.
 *
 * The database grows in one run: a few cases opened through the service (`openCase`, with a note
 * each), then bulk copies of those documents under their own ids and references, with a note per
 * copy, up to each size in turn. At each size the compiled service (`npm start`, or the build
 * named by `--services=`) is also started on the database as it stands, timed to its first 200
 * from /ready, and its idle RSS read; `--startup-only` measures only that (with `--cases=100000`,
 * the start-up the issue measured at 131 s). Not a test: nothing here passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { SystemClock, addDays } from '../../server/platform/clock.js';
import { createUser } from '../../server/auth/index.js';
import { addTimelineNote, openCase, type NewCase } from '../../server/cases/index.js';
import { caseBody } from '../../test/support/factories.js';
import { startCompiledService } from './service-load.js';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = option('cases', '100,250,1000,5000,20000').split(',').map(Number);
const ROUNDS = Number(option('rounds', '2'));
const SLOT_MS = Number(option('slot', '5')) * 1000;
const MAX_TURN_S = Number(option('max-turn', '60'));
const STARTUP_ONLY = process.argv.includes('--startup-only');
/** Skips starting the compiled service at each size (start-up time, idle RSS): when only requests are studied. */
const NO_STARTUP = process.argv.includes('--no-startup');
const BUILDS = option('services', '').split(',').filter(Boolean);
/** Only the requests whose names contain one of these (`--probes=worklist,list of 50`); all by default. */
const PROBE_NAMES = option('probes', '').split(',').filter(Boolean);
/** How many clients at once (`--clients=10` to run only the ten-client turns of a size). */
const CLIENTS = option('clients', '1,10').split(',').map(Number);
const TEMPLATES = 12;

interface Target {
  base: string;
  headers: Record<string, string>;
  /** The arm's process, whose CPU time a turn reads from /proc (the database's is shared by both arms). */
  pid: number;
}
/** One request of the mix; `versions` holds each case's current version for the saves. */
interface Probe {
  name: string;
  send: (t: Target, id: string, versions: Map<string, number>) => Promise<number>;
}

const call = async (t: Target, method: string, url: string, body?: object) => {
  const res = await fetch(`${t.base}${url}`, {
    method,
    headers: { ...t.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { version?: number } | null };
};

const PROBES: Probe[] = [
  { name: 'list of 50', send: async (t) => (await call(t, 'GET', '/api/v1/cases?limit=50')).status },
  { name: 'deadline worklist', send: async (t) => (await call(t, 'GET', '/api/v1/worklist/deadlines')).status },
  { name: 'case read', send: async (t, id) => (await call(t, 'GET', `/api/v1/cases/${id}`)).status },
  {
    name: 'versioned save',
    send: async (t, id, versions) => {
      const res = await call(t, 'PATCH', `/api/v1/cases/${id}`, {
        version: versions.get(id),
        amountAtStake: Math.round(1000 + Math.random() * 5000),
      });
      if (res.status === 200) versions.set(id, res.body!.version!);
      return res.status;
    },
  },
  {
    name: 'note append',
    send: async (t, id) =>
      (await call(t, 'POST', `/api/v1/cases/${id}/timeline`, { note: 'Called the payer; reviewer back Monday.' }))
        .status,
  },
  {
    name: 'count (open, page of 1)',
    send: async (t) => (await call(t, 'GET', '/api/v1/cases?open=true&limit=1')).status,
  },
];

interface Turn {
  ms: number[];
  failed: number;
  elapsedMs: number;
  /** CPU time the arm's own process spent in the turn (user + system). */
  cpuMs: number;
}

/** CPU time of a process so far, in ms (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One turn of `clients` closed-loop clients for about SLOT_MS; every request sent is awaited. */
async function turn(t: Target, probe: Probe, clients: number, ids: string[], versions: Map<string, number>) {
  const out: Turn = { ms: [], failed: 0, elapsedMs: 0, cpuMs: 0 };
  const cpuBefore = await cpuMsOf(t.pid);
  const start = performance.now();
  // Each client works on its own share of the cases, so concurrent saves never race for one version.
  const client = async (k: number) => {
    do {
      const id = ids[k + clients * Math.floor((Math.random() * ids.length) / clients)] ?? ids[k];
      const sent = performance.now();
      const status = await probe.send(t, id, versions).catch(() => 0);
      if (status >= 200 && status < 300) out.ms.push(performance.now() - sent);
      else out.failed++;
    } while (performance.now() - start < SLOT_MS);
  };
  await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
  out.elapsedMs = performance.now() - start;
  out.cpuMs = (await cpuMsOf(t.pid)) - cpuBefore;
  return out;
}

/** How long each arm is left idle at each size to read the CPU it spends when no request is running. */
const IDLE_MS = 20_000;

/**
 * Each arm's own CPU per second while it answers nothing (timers, the driver's monitoring, metrics):
 * a turn's CPU per answer holds this much per second of the answer's wall time as well, which at a
 * scan of tens of seconds is more than the answer's own work.
 */
async function idleCpu(arms: [string, Target][]): Promise<string> {
  const before = await Promise.all(arms.map(([, t]) => cpuMsOf(t.pid)));
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const after = await Promise.all(arms.map(([, t]) => cpuMsOf(t.pid)));
  return arms.map(([name], k) => `${name} ${fmt(((after[k] - before[k]) * 1000) / IDLE_MS, 1)}`).join(', ');
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/**
 * Requests per second over the turns (answers / time the turns took), p50 and p99 of all answers,
 * and the arm process's own CPU per answer: what the service adds over the bare app whatever the
 * machine's load (the wall times on a loaded machine are mostly the database's and the load's).
 */
function summary(turns: Turn[]) {
  const ms = turns.flatMap((x) => x.ms);
  const seconds = turns.reduce((s, x) => s + x.elapsedMs, 0) / 1000;
  return {
    rps: ms.length / seconds,
    cpuMs: turns.reduce((s, x) => s + x.cpuMs, 0) / Math.max(1, ms.length),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    n: ms.length,
    failed: turns.reduce((s, x) => s + x.failed, 0),
  };
}

/** Dates spread over half a year, so that some cases' deadlines fall in the worklist's window and most do not. */
function templateBody(k: number) {
  const notice = addDays('2026-05-20', k * 16);
  return caseBody({
    patient: {
      firstName: `Bench${k}`,
      lastName: 'Patient',
      dateOfBirth: '1961-04-12',
      sex: 'female',
      mrn: `MRN-B${k}`,
    },
    service: { ...caseBody().service, dateOfService: addDays(notice, -12), claimNumber: `CLM-B${k}` },
    denial: { ...caseBody().denial, noticeDate: notice, receivedDate: addDays(notice, 4) },
  });
}

/** Adds copies of the template cases (and a note each) until the database holds `size` cases. */
async function growTo(
  size: number,
  templates: Record<string, unknown>[],
  note: Record<string, unknown>,
  ids: string[],
  versions: Map<string, number>,
) {
  const cases = mongoose.connection.collection('cases');
  const notes = mongoose.connection.collection('case_notes');
  while (ids.length < size) {
    const batch = Array.from({ length: Math.min(500, size - ids.length) }, (_, k) => {
      const n = ids.length + k;
      return {
        ...templates[n % templates.length],
        _id: new mongoose.Types.ObjectId(),
        reference: `OVT-BENCH-${String(n).padStart(6, '0')}`,
      };
    });
    await cases.insertMany(batch);
    await notes.insertMany(batch.map((c) => ({ ...note, _id: new mongoose.Types.ObjectId(), caseId: c._id })));
    for (const c of batch) {
      ids.push(String(c._id));
      versions.set(String(c._id), 0);
    }
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts a process and resolves once `ready` answers 200. */
async function start(args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let tries = 0; tries < 600; tries++) {
    if (proc.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${proc.exitCode}`);
    const ok = await fetch(ready).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return proc;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${args.join(' ')} did not become ready`);
}

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/** A value right-aligned in `width` characters (left-aligned when `width` is negative). */
const cell = (value: string | number, width: number) =>
  width < 0 ? String(value).padEnd(-width) : String(value).padStart(width);
const columns = (x: ReturnType<typeof summary>) =>
  `${cell(fmt(x.rps, 2), 8)}${cell(fmt(x.p50), 8)}${cell(fmt(x.p99), 8)}${cell(fmt(x.cpuMs), 7)}` +
  `${cell(x.n, 5)}${cell(x.failed || '', 4)}`;
const HEADER =
  `${cell('request', -26)}${cell('clients', 8)}${cell('turns', 7)}` +
  `  ${cell('service: req/s p50 ms p99 ms cpu ms n failed', 40)}` +
  `  ${cell('bare: req/s p50 ms p99 ms cpu ms n failed', 40)}${cell('service/bare', 14)}`;

/**
 * The compiled service started on the database as it stands, each build twice in turns (A B A B):
 * seconds to its first 200 from /ready (migrations, indexes, the demo check), and its RSS then.
 */
async function startup(env: Record<string, string>, builds: (string | undefined)[]) {
  for (let round = 0; round < 2; round++)
    for (const build of builds) {
      // The defaults an operator starts with: jobs on, and the demo seeded only into an empty database.
      const service = await startCompiledService(build, { ...env, SEED_DEMO: 'true', JOBS_ENABLED: 'true' });
      const { rssMb } = service.memory();
      await service.stop();
      const seconds = (service.readyMs / 1000).toFixed(1);
      console.log(`start-up to /ready, ${service.label}: ${seconds} s, RSS then ${rssMb.toFixed(0)} MB`);
    }
}

/** Prints the capacity figures (the `capacity` section of `npm run bench`). */
export async function bench(): Promise<void> {
  const started = Date.now();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-capacity-'));
  const config = loadConfig({ ...process.env, DATA_DIR: path.join(tmp, 'db'), LOG_LEVEL: 'error', SEED_DEMO: 'false' });
  const db = await openDatabase(config, createLogger('error', true), { dbName: `bench_capacity_${process.pid}` });
  const procs: ChildProcess[] = [];
  try {
    const clock = new SystemClock(config.clinic.timeZone);
    const { user, token } = await createUser({ name: 'Bench Billing', role: 'billing' });
    const opened = [];
    for (let k = 0; k < TEMPLATES; k++) {
      const view = await openCase(templateBody(k) as unknown as NewCase, user, { clock });
      await addTimelineNote(view.id, { note: 'Called the payer; the reviewer is on leave until Monday.' }, user, {
        clock,
      });
      opened.push(view.id);
    }
    const cases = mongoose.connection.collection('cases');
    const templates = (
      await cases.find({ _id: { $in: opened.map((id) => new mongoose.Types.ObjectId(id)) } }).toArray()
    ).map(({ _id, ...fields }) => fields);
    const {
      _id: _noteId,
      caseId: _caseId,
      ...note
    } = (await mongoose.connection.collection('case_notes').findOne({}))!;
    const ids = [...opened];
    const versions = new Map<string, number>();
    for (const id of opened) versions.set(id, 0);

    const [servicePort, barePort] = [await freePort(), await freePort()];
    const env = {
      MONGODB_URI: db.uri,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tmp, 'db'),
      UPLOAD_DIR: path.join(tmp, 'uploads'),
      NODE_ENV: 'development',
    };
    if (!STARTUP_ONLY) {
      procs.push(
        await start(
          ['server/index.ts'],
          { ...env, PORT: String(servicePort) },
          `http://127.0.0.1:${servicePort}/ready`,
        ),
      );
      procs.push(
        await start(
          ['scripts/bench/bare-app.ts'],
          { ...env, PORT: String(barePort) },
          `http://127.0.0.1:${barePort}/api/v1/cases?limit=1`,
        ),
      );
    }
    const [servicePid, barePid] = procs.map((p) => p.pid!);
    const arms: [string, Target][] = [
      [
        'service',
        { base: `http://127.0.0.1:${servicePort}`, headers: { authorization: `Bearer ${token}` }, pid: servicePid },
      ],
      ['bare', { base: `http://127.0.0.1:${barePort}`, headers: {}, pid: barePid }],
    ];

    console.log(
      `Capacity on ${db.kind} — ${ROUNDS} turns of ~${SLOT_MS / 1000} s per arm, service and bare app interleaved; ` +
        `${os.cpus().length} cores, load ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}, ${new Date().toISOString()}`,
    );
    for (const size of SIZES) {
      const seedStart = Date.now();
      await growTo(size, templates, note, ids, versions);
      const notes = await mongoose.connection.collection('case_notes').estimatedDocumentCount();
      console.log(
        `\n${size} cases, ${notes} notes (seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s); ` +
          `load ${os.loadavg()[0].toFixed(1)}`,
      );
      if (!NO_STARTUP) await startup(env, BUILDS.length ? BUILDS : [undefined]);
      if (STARTUP_ONLY) continue;
      console.log(`idle CPU, ms a second: ${await idleCpu(arms)}`);
      console.log(HEADER);
      for (const probe of PROBES.filter((p) => !PROBE_NAMES.length || PROBE_NAMES.some((n) => p.name.includes(n)))) {
        let single = 0;
        for (const clients of CLIENTS) {
          // Ten clients queue behind one another on a scan: a turn takes about ten single answers.
          const expected = (single * clients) / 1000;
          if (expected > MAX_TURN_S) {
            console.log(
              `${cell(probe.name, -26)}${cell(clients, 8)}  skipped: a turn would take about ${fmt(expected)} s`,
            );
            continue;
          }
          const turns: Record<string, Turn[]> = { service: [], bare: [] };
          for (let round = 0; round < ROUNDS; round++) {
            for (const [name, target] of arms) turns[name].push(await turn(target, probe, clients, ids, versions));
            // A turn far over its slot is a scan that grew with the data: one turn per arm says it.
            if (Math.max(turns.service[round].elapsedMs, turns.bare[round].elapsedMs) > MAX_TURN_S * 1000) break;
          }
          const s = summary(turns.service);
          const b = summary(turns.bare);
          // No single answer at all (a timeout) means ten clients would only time out too.
          if (clients === 1) single = Math.max(s.p50, b.p50) || Infinity;
          console.log(
            `${cell(probe.name, -26)}${cell(clients, 8)}${cell(turns.service.length, 7)}` +
              `  ${columns(s)}  ${columns(b)}${cell(fmt(s.rps / b.rps, 2), 14)}`,
          );
        }
      }
    }
    console.log(`\ncapacity bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await mongoose.connection.db?.dropDatabase();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
