/**
 * `npm run bench -- imports [--import-claims=1000,10000] [--import-runs=1] [--import-cpu-prof=<dir>]`:
 * how long importing a remittance into cases takes and how much memory it needs, beside two floors
 * measured in the same run. For generated 835s of 1,000 and 10,000 claims (a quarter with denials),
 * each measurement in its own process so each peak RSS is its own, the arms interleaved run by run
 * (parser, import, driver floor, parser, import, …) so that a shared machine's load falls on all:
 * - the parser floor: x12-parser alone splitting the file into segments (scripts/bench/remittances.ts's
 *   own child, so both sections measure the same floor);
 * - the import: the file uploaded through `POST /api/v1/imports` as the service receives it, then
 *   its job (`runImport`) run to the end, into a fresh database on the local server the bench
 *   starts (as the tests provision theirs); the job reads in a worker thread of the same process,
 *   so the peak RSS and the processor time count both;
 * - a baseline process that loads the same code, connects and signs in, and imports nothing;
 * - the driver floor: the cases that import made, inserted again through the plain driver
 *   (`insertMany`, as many a call as the import writes at once) into a collection with the same
 *   indexes: what the database itself takes to store that many case documents.
 * With `--import-cpu-prof=<dir>`, each import's process and its worker write V8 CPU profiles there
 * (`node --cpu-prof`), and the worker's is summed up by what its time went to. Not a test: nothing
 * here passes or fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { SystemClock } from '../../server/platform/clock.js';
import { createUser } from '../../server/auth/index.js';
import { runImport } from '../../server/imports/index.js';
import { writeRemittanceFile } from './remittance-file.js';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
/** The smaller and the larger file: peak memory is compared between the two. */
const SIZES = option('import-claims', '1000,10000').split(',').map(Number);
const IMPORT_RUNS = Number(option('import-runs', '1'));
/** A folder for V8 CPU profiles of each import's process and its worker (`node --cpu-prof`); none by default. */
const CPU_PROF_DIR = option('import-cpu-prof', '');

type Kind = 'idle' | 'import' | 'floor';

/** What an import child reports (the parser's child reports the first three and `count`). */
interface Measured {
  ms: number[];
  cpuMs: number[];
  maxRssMb: number;
  count?: number;
  counts?: Record<string, number>;
  /** The local database server's processor time over the import, when its process can be read. */
  serverCpuMs?: number;
  /** After the import: one claim key missed by `_id`, as every paid claim's lookup is, and the server's plan for it. */
  keyLookup?: { keys: number; ms: number; plan: string };
}

const KEY_LOOKUPS = 21;

/** Times a claim key lookup that finds nothing (what a paid claim with no case costs) and asks for its plan. */
async function keyLookup(): Promise<Measured['keyLookup']> {
  const keys = mongoose.connection.db!.collection<{ _id: string }>('case_claim_keys');
  const ms: number[] = [];
  for (let k = 0; k < KEY_LOOKUPS; k++) {
    const start = performance.now();
    await keys.findOne({ _id: `no such claim ${k}` });
    ms.push(performance.now() - start);
  }
  const explained = (await keys.find({ _id: 'no such claim' }).explain()) as Record<string, unknown>;
  // FerretDB says whether it pushed the filter down to SQLite, and SQLite's own plan; MongoDB its winning plan.
  const plan = JSON.stringify({
    filterPushdown: explained.filterPushdown,
    plan:
      (explained.queryPlanner as Record<string, unknown> | undefined)?.Plan ??
      (explained.queryPlanner as Record<string, unknown> | undefined)?.winningPlan,
  });
  return { keys: await keys.countDocuments(), ms: median(ms), plan };
}

/** The child's job: where the database and the file are. */
interface Job {
  kind: Kind;
  uri: string;
  uploadDir: string;
  file: string;
  serverPid?: number;
}

/** Processor time (user + system) of another process so far, from /proc; undefined where unreadable. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return undefined;
  }
}

/** Cases a call of the floor inserts: about what one 200-claim batch of the import opens (a quarter are denials). */
const FLOOR_BATCH = 50;

/**
 * The cases the import made (in the job's database), inserted again with the plain driver into
 * `cases_floor`, which has the same indexes, FLOOR_BATCH a call; only the inserts are timed.
 */
async function bareInsertFloor(): Promise<Measured> {
  const db = mongoose.connection.db!;
  const cases = db.collection('cases');
  const copy = db.collection('cases_floor');
  for (const { key, name, unique, sparse } of await cases.indexes())
    if (name !== '_id_') await copy.createIndex(key, { name, unique: Boolean(unique), sparse: Boolean(sparse) });
  let ms = 0;
  let count = 0;
  const cpu = process.cpuUsage();
  let batch: Record<string, unknown>[] = [];
  const insert = async () => {
    const start = performance.now();
    await copy.insertMany(batch, { ordered: false });
    ms += performance.now() - start;
    count += batch.length;
    batch = [];
  };
  for await (const doc of cases.find({}, { projection: { _id: 0 } })) {
    batch.push(doc);
    if (batch.length === FLOOR_BATCH) await insert();
  }
  if (batch.length) await insert();
  const used = process.cpuUsage(cpu);
  await db.dropDatabase();
  return { ms: [ms], cpuMs: [(used.user + used.system) / 1000], maxRssMb: 0, count };
}

/** One import (or, for `idle`, none) in this process, into its own database; prints one JSON line. */
async function child(job: Job): Promise<void> {
  const config: Readonly<Config> = Object.freeze({
    ...loadConfig({ ...process.env, NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'error', MONGODB_URI: job.uri }),
    uploadDir: job.uploadDir,
  });
  const logger = createLogger('error', true);
  const clock = new SystemClock(config.clinic.timeZone);
  const db = await openDatabase(config, logger);
  if (job.kind === 'floor') {
    const floor = await bareInsertFloor();
    await db.close();
    process.stdout.write(`${JSON.stringify(floor)}\n`, () => process.exit(0));
    return;
  }
  const { token } = await createUser({ name: 'Bench Billing', role: 'billing' });
  const { app } = createApp({ config, logger, clock });
  const http = supertest(app);
  const result: Measured = { ms: [], cpuMs: [], maxRssMb: 0 };
  if (job.kind === 'import') {
    const bytes = await fs.promises.readFile(job.file);
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const serverCpu = processCpuMs(job.serverPid);
    // As a user sends it: the route stores the file and queues the job; the job is then run here.
    const res = await http
      .post('/api/v1/imports')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', bytes, 'remittance.835');
    if (res.status !== 202) throw new Error(`upload answered ${res.status} ${JSON.stringify(res.body)}`);
    await runImport(res.body.id as string, { config, clock });
    const used = process.cpuUsage(cpu);
    result.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    result.cpuMs.push((used.user + used.system) / 1000);
    const serverCpuAfter = processCpuMs(job.serverPid);
    if (serverCpu !== undefined && serverCpuAfter !== undefined) result.serverCpuMs = serverCpuAfter - serverCpu;
    const done = await http.get(`/api/v1/imports/${res.body.id}`).set('Authorization', `Bearer ${token}`);
    if (done.body.status !== 'done') throw new Error(`the import ended ${done.body.status}`);
    result.counts = done.body.counts as Record<string, number>;
    result.keyLookup = await keyLookup();
  }
  result.maxRssMb = process.resourceUsage().maxRSS / 1024;
  // The import's cases are the floor's to copy (it drops the database).
  if (job.kind !== 'import') await mongoose.connection.db!.dropDatabase();
  await db.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

/** Runs `script --child …args` in its own process and answers the JSON line it prints last. */
function inOwnProcess(script: string, args: string[], nodeArgs: string[] = []): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve(script), '--child', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measured)
        : reject(new Error(`${script} ${args[0]} exited with ${code}`)),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The database's local server process, from the claim file it writes in its data folder. */
function serverPidIn(dataDir: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dataDir, 'running-server.json'), 'utf8')) as { serverPid?: number })
      .serverPid;
  } catch {
    return undefined;
  }
}

/** What a worker's CPU profile frame is, by where its code lives: the first rule a frame meets, leaf first. */
const PROFILE_PARTS: [string, RegExp][] = [
  [
    'reading the file (x12-parser, the 835 reader)',
    /node_modules\/x12-parser|server\/remittances\/|node:internal\/streams/,
  ],
  ['checking cases (plain-validation)', /server\/platform\/db\/plain-validation/],
  ['building cases (case, deadlines)', /server\/cases\/|server\/deadlines\//],
  ['audit entries', /server\/audit\//],
  ['database driver and mongoose', /node_modules\/(mongodb|bson|mongoose|mquery)\//],
  ['the claim loop (imports)', /server\/imports\//],
  ['the worker thread (piscina, messages)', /node_modules\/piscina|node:internal\/worker/],
  ['loading modules', /node:internal\/modules|node_modules\/tsx|node_modules\/esbuild/],
];

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The import worker's profile in `dir` (the one that ran `import-read.task`), summed by what its
 * time went to: waiting (idle: the database, mostly), garbage collection, and `PROFILE_PARTS`.
 * Shares of the sampled time; on a loaded machine a sample may stand for time the thread waited
 * for a core, so they are shares, not seconds of processor time.
 */
async function workerProfile(dir: string): Promise<{ ms: number; parts: [string, number][] } | undefined> {
  for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
    const profile = JSON.parse(await fs.promises.readFile(path.join(dir, name), 'utf8')) as CpuProfile;
    if (!profile.nodes.some((n) => n.callFrame.url.includes('import-read.task'))) continue;
    const parentOf = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const partOf = (id: number): string => {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') return 'waiting (idle: database round trips)';
      if (frame.functionName === '(garbage collector)') return 'garbage collection';
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        const { url } = byId.get(at)!.callFrame;
        const part = PROFILE_PARTS.find(([, where]) => where.test(url));
        if (part) return part[0];
      }
      return 'other';
    };
    const ms = new Map<string, number>();
    profile.samples.forEach((id, k) => ms.set(partOf(id), (ms.get(partOf(id)) ?? 0) + profile.timeDeltas[k] / 1000));
    const total = [...ms.values()].reduce((sum, v) => sum + v, 0);
    return { ms: total, parts: [...ms.entries()].sort((x, y) => y[1] - x[1]) };
  }
  return undefined;
}

/** Prints the import's figures (the `imports` section of `npm run bench`). */
export async function bench(): Promise<void> {
  const started = Date.now();
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'overturn-bench-imports-'));
  const dataDir = path.join(tmp, 'db');
  const config = Object.freeze({
    ...loadConfig({ ...process.env, NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'error' }),
    uploadDir: path.join(tmp, 'uploads'),
  });
  const db = await openDatabase(config, createLogger('warn'), { dataDir, dbName: `overturn_bench_${Date.now()}` });
  const serverPid = serverPidIn(dataDir);
  const uriOf = (name: string) => {
    const u = new URL(db.uri);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const loads: number[] = [];
  const load = () => {
    loads.push(os.loadavg()[0]);
    return loads.at(-1)!;
  };
  try {
    console.log(
      `\nImport — generated 835s (a quarter of claims with denials, 500 claims per ST), uploaded through the API ` +
        `and run by the import job into an empty database (${db.kind}); ${IMPORT_RUNS} run(s) per size of ` +
        `each arm, interleaved (parser, import, driver floor); the parser's figure per run the median of 5 after ` +
        `a warm-up; each row in its own process (Node ${process.version}, ${os.cpus().length} × ` +
        `${os.cpus()[0]?.model ?? 'cpu'}, load ${load().toFixed(1)}).\n`,
    );
    const cols = (values: string[]) =>
      values.map((v, k) => (k === 1 ? v.padEnd(30) : v.padStart(k === 0 ? 7 : 11))).join('  ');
    console.log(cols(['claims', 'measurement', 'median ms', 'CPU ms', 'claims/s', 'peak RSS MB']));
    const found: Record<number, { imported: Measured; parser: Measured; idle: Measured; floor: Measured }> = {};
    const profiles: Record<number, Awaited<ReturnType<typeof workerProfile>>> = {};
    for (const claims of SIZES) {
      const file = path.join(tmp, `remittance-${claims}.835`);
      const bytes = await writeRemittanceFile(file, claims);
      const job = (kind: Kind, run: number): Job => ({
        kind,
        uri: uriOf(`overturn_bench_import_${claims}_${kind}_${run}`),
        uploadDir: path.join(tmp, 'uploads', `${claims}-${run}`),
        file,
        serverPid,
      });
      const jobFile = async (kind: Kind, run: number, at = job(kind, run)) => {
        const where = path.join(tmp, `${kind}-${claims}-${run}.json`);
        await fs.promises.writeFile(where, JSON.stringify(at));
        return where;
      };
      const idle = await inOwnProcess('scripts/bench/imports.ts', [await jobFile('idle', 0)]);
      const parsers: Measured[] = [];
      const runs: Measured[] = [];
      const floors: Measured[] = [];
      for (let run = 0; run < IMPORT_RUNS; run++) {
        load();
        const parsed = await inOwnProcess('scripts/bench/remittances.ts', ['parser', file]);
        // One figure per run, the median of its five readings, beside the import run next to it.
        parsers.push({ ...parsed, ms: [median(parsed.ms)], cpuMs: [median(parsed.cpuMs)] });
        const profileDir = CPU_PROF_DIR && path.resolve(CPU_PROF_DIR, `${claims}-${run}`);
        const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
        runs.push(await inOwnProcess('scripts/bench/imports.ts', [await jobFile('import', run)], profile));
        if (profileDir && run === 0) profiles[claims] = await workerProfile(profileDir);
        // The same database as the import's: its cases are copied.
        floors.push(
          await inOwnProcess('scripts/bench/imports.ts', [
            await jobFile('floor', run, { ...job('import', run), kind: 'floor' }),
          ]),
        );
      }
      const all = (ms: Measured[]): Measured => ({
        ...ms[0],
        ms: ms.flatMap((r) => r.ms),
        cpuMs: ms.flatMap((r) => r.cpuMs),
        maxRssMb: Math.max(...ms.map((r) => r.maxRssMb)),
      });
      const [parser, imported, floor] = [all(parsers), all(runs), all(floors)];
      found[claims] = { imported, parser, idle, floor };
      // The driver floor stores cases, not claims: no rate, and its process's RSS is not the import's.
      const row = (label: string, m: Measured, ofClaims = true) =>
        cols([
          String(claims),
          label,
          median(m.ms).toFixed(0),
          median(m.cpuMs).toFixed(0),
          ofClaims ? Math.round(claims / (median(m.ms) / 1000)).toString() : '',
          ofClaims ? m.maxRssMb.toFixed(0) : '',
        ]);
      console.log(row(`x12-parser alone (${parser.count} seg.)`, parser));
      console.log(row('import (upload + job)', imported));
      console.log(row(`driver insertMany ${floor.count} cases`, floor, false));
      console.log(cols([String(claims), 'baseline process', '', '', '', idle.maxRssMb.toFixed(0)]));
      const c = imported.counts ?? {};
      const times = (a: number[], b: number[]) => median(a) / median(b);
      const serverCpu =
        imported.serverCpuMs === undefined ? 'not read' : `${(imported.serverCpuMs / 1000).toFixed(1)} s`;
      const each = (m: Measured) => m.ms.map((x) => (x / 1000).toFixed(1)).join(', ');
      console.log(
        `${''.padStart(9)}file ${(bytes / 1024 / 1024).toFixed(1)} MB; ${c.claimsRead} claims read, ` +
          `${c.casesCreated} cases created; import / parser: ${times(imported.ms, parser.ms).toFixed(1)}× wall, ` +
          `${times(imported.cpuMs, parser.cpuMs).toFixed(1)}× CPU of the importing process; import / driver ` +
          `floor: ${times(imported.ms, floor.ms).toFixed(1)}× wall; driver floor / parser: ` +
          `${times(floor.ms, parser.ms).toFixed(1)}× wall; database server CPU ${serverCpu} (first run)\n` +
          `${''.padStart(9)}each run, s: import ${each(imported)}; driver floor ${each(floor)}; ` +
          `parser ${parser.ms.map((x) => x.toFixed(0)).join(', ')} ms`,
      );
    }
    if (SIZES.length > 1) {
      const [small, large] = [SIZES[0], SIZES.at(-1)!];
      const rss = (n: number) => found[n].imported.maxRssMb;
      const above = (n: number) => found[n].imported.maxRssMb - found[n].idle.maxRssMb;
      const growth = ((rss(large) - rss(small)) / rss(small)) * 100;
      console.log(
        `\nimport peak RSS ${large} vs ${small} claims: ${rss(large).toFixed(0)} MB vs ${rss(small).toFixed(0)} MB ` +
          `(${growth.toFixed(0)}%; target within 20%); above the baseline process: ${above(large).toFixed(0)} MB ` +
          `vs ${above(small).toFixed(0)} MB`,
      );
    }
    const large = SIZES.at(-1)!;
    const { imported, parser, floor } = found[large];
    console.log(
      `import / parser alone at ${large} claims: ${(median(imported.ms) / median(parser.ms)).toFixed(1)}× ` +
        `(target 3×); the driver floor alone: ${(median(floor.ms) / median(parser.ms)).toFixed(1)}×`,
    );
    for (const [claims, profile] of Object.entries(profiles)) {
      if (!profile) continue;
      console.log(
        `\nwhere the ${claims}-claim import's worker spent its ${(profile.ms / 1000).toFixed(1)} s (CPU profile):`,
      );
      for (const [part, ms] of profile.parts) {
        const share = ((ms / profile.ms) * 100).toFixed(0);
        console.log(`  ${part.padEnd(48)}${(ms / 1000).toFixed(2).padStart(7)} s ${share.padStart(4)}%`);
      }
    }
    const { keyLookup } = imported;
    if (keyLookup)
      console.log(
        `\nafter it, one claim key looked up by _id (a claim with no case) among ${keyLookup.keys} keys: ` +
          `${keyLookup.ms.toFixed(1)} ms (median of ${KEY_LOOKUPS}); the server's plan: ${keyLookup.plan}`,
      );
    console.log(
      `\nimport bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s; load average ` +
        `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} over the runs`,
    );
  } finally {
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db.close();
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

// Run as `tsx scripts/bench/imports.ts --child <job.json>`: one measurement in its own process.
const childIndex = process.argv.indexOf('--child');
if (childIndex > 0) await child(JSON.parse(await fs.promises.readFile(process.argv[childIndex + 1], 'utf8')) as Job);
