/**
 * `npm run bench -- imports [--import-claims=1000,10000] [--import-runs=1]`: how long importing a
 * remittance into cases takes and how much memory it needs, beside the chosen parser alone reading
 * the same file in the same run (the floor). For generated 835s of 1,000 and 10,000 claims (a
 * quarter with denials), each measurement in its own process so each peak RSS is its own:
 * - the floor: x12-parser alone splitting the file into segments (scripts/bench/remittances.ts's
 *   own child, so both sections measure the same floor);
 * - the import: the file uploaded through `POST /api/v1/imports` as the service receives it, then
 *   its job (`runImport`) run to the end, into a fresh database on the local server the bench
 *   starts (as the tests provision theirs); the job reads in a worker thread of the same process,
 *   so the peak RSS counts both heaps;
 * - a baseline process that loads the same code, connects and signs in, and imports nothing;
 * - the floor of the writes: the cases that import made, inserted again through the plain driver
 *   (`insertMany`, as many a call as the import's batches open) into a collection with the same
 *   indexes: what the database itself takes to store that many case documents.
 * The import's child also counts the database commands it sends (the driver's command events)
 * and the local server's processor time, to say where the time goes. Not a test: nothing here
 * passes or fails.
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

type Kind = 'idle' | 'import' | 'floor';

/** What an import child reports (the parser's child reports the first three and `count`). */
interface Measured {
  ms: number[];
  cpuMs: number[];
  maxRssMb: number;
  count?: number;
  counts?: Record<string, number>;
  /** Database commands sent, by command and collection: how many, and their summed round trips. */
  commands?: Record<string, { n: number; ms: number }>;
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

/** Counts every command the driver sends and its round trip, by command and collection. */
function countCommands(): Record<string, { n: number; ms: number }> {
  const seen: Record<string, { n: number; ms: number }> = {};
  const collections = new Map<number, string>();
  const client = mongoose.connection.getClient();
  client.on('commandStarted', (e) => {
    const target = e.command[e.commandName];
    collections.set(e.requestId, typeof target === 'string' ? target : '');
  });
  const done = (e: { requestId: number; commandName: string; duration: number }) => {
    const key = `${e.commandName} ${collections.get(e.requestId) ?? ''}`.trim();
    collections.delete(e.requestId);
    seen[key] ??= { n: 0, ms: 0 };
    seen[key].n++;
    seen[key].ms += e.duration;
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  return seen;
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
    const commands = countCommands();
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
    result.commands = structuredClone(commands);
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
function inOwnProcess(script: string, args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), '--child', ...args], {
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
  try {
    console.log(
      `\nImport — generated 835s (a quarter of claims with denials, 500 claims per ST), uploaded through the API ` +
        `and run by the import job into an empty database (${db.kind}); ${IMPORT_RUNS} import run(s) per size, ` +
        `the parser median of 5 after a warm-up; each row in its own process (Node ${process.version}, ` +
        `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}).\n`,
    );
    const cols = (values: string[]) =>
      values.map((v, k) => (k === 1 ? v.padEnd(30) : v.padStart(k === 0 ? 7 : 11))).join('  ');
    console.log(cols(['claims', 'measurement', 'median ms', 'CPU ms', 'claims/s', 'peak RSS MB']));
    const found: Record<number, { imported: Measured; parser: Measured; idle: Measured; floor: Measured }> = {};
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
      const jobFile = async (kind: Kind, run: number) => {
        const at = path.join(tmp, `${kind}-${claims}-${run}.json`);
        await fs.promises.writeFile(at, JSON.stringify(job(kind, run)));
        return at;
      };
      const idle = await inOwnProcess('scripts/bench/imports.ts', [await jobFile('idle', 0)]);
      const parser = await inOwnProcess('scripts/bench/remittances.ts', ['parser', file]);
      const runs: Measured[] = [];
      const floors: Measured[] = [];
      for (let run = 0; run < IMPORT_RUNS; run++) {
        runs.push(await inOwnProcess('scripts/bench/imports.ts', [await jobFile('import', run)]));
        // The same database as the import's: its cases are copied.
        const at = path.join(tmp, `floor-${claims}-${run}.json`);
        await fs.promises.writeFile(at, JSON.stringify({ ...job('import', run), kind: 'floor' }));
        floors.push(await inOwnProcess('scripts/bench/imports.ts', [at]));
      }
      const floor: Measured = { ...floors[0], ms: floors.flatMap((r) => r.ms), cpuMs: floors.flatMap((r) => r.cpuMs) };
      const imported: Measured = {
        ...runs[0],
        ms: runs.flatMap((r) => r.ms),
        cpuMs: runs.flatMap((r) => r.cpuMs),
        maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
      };
      found[claims] = { imported, parser, idle, floor };
      const row = (label: string, m: Measured) =>
        cols([
          String(claims),
          label,
          median(m.ms).toFixed(0),
          median(m.cpuMs).toFixed(0),
          Math.round(claims / (median(m.ms) / 1000)).toString(),
          m.maxRssMb.toFixed(0),
        ]);
      console.log(row(`x12-parser alone (${parser.count} seg.)`, parser));
      console.log(row('import (upload + job)', imported));
      console.log(
        cols([
          String(claims),
          `driver insertMany ${floor.count} cases`,
          median(floor.ms).toFixed(0),
          median(floor.cpuMs).toFixed(0),
          '',
          '',
        ]),
      );
      console.log(cols([String(claims), 'baseline process', '', '', '', idle.maxRssMb.toFixed(0)]));
      const c = imported.counts ?? {};
      const times = (a: number[], b: number[]) => median(a) / median(b);
      const serverCpu =
        imported.serverCpuMs === undefined ? 'not read' : `${(imported.serverCpuMs / 1000).toFixed(1)} s`;
      console.log(
        `${''.padStart(9)}file ${(bytes / 1024 / 1024).toFixed(1)} MB; ${c.claimsRead} claims read, ` +
          `${c.casesCreated} cases created; import / parser: ${times(imported.ms, parser.ms).toFixed(0)}× wall, ` +
          `import / driver floor: ${times(imported.ms, floor.ms).toFixed(1)}× wall, ` +
          `${times(imported.cpuMs, parser.cpuMs).toFixed(1)}× CPU of the importing process; ` +
          `database server CPU ${serverCpu}`,
      );
    }
    const [small, large] = SIZES;
    const rss = (n: number) => found[n].imported.maxRssMb;
    const above = (n: number) => found[n].imported.maxRssMb - found[n].idle.maxRssMb;
    const growth = ((rss(large) - rss(small)) / rss(small)) * 100;
    console.log(
      `\nimport peak RSS ${large} vs ${small} claims: ${rss(large).toFixed(0)} MB vs ${rss(small).toFixed(0)} MB ` +
        `(${growth.toFixed(0)}%; target within 20%); above the baseline process: ${above(large).toFixed(0)} MB vs ` +
        `${above(small).toFixed(0)} MB`,
    );
    const ratio = median(found[large].imported.ms) / median(found[large].parser.ms);
    console.log(`import / parser alone at ${large} claims: ${ratio.toFixed(0)}× (target 3×)`);
    const { commands = {}, keyLookup } = found[large].imported;
    const total = Object.values(commands).reduce((s, x) => s + x.ms, 0);
    const wall = median(found[large].imported.ms);
    const sent = Object.values(commands).reduce((s, x) => s + x.n, 0);
    console.log(
      `\nwhere the ${large}-claim import's time goes: ${sent} database commands, their round trips ` +
        `${(total / 1000).toFixed(1)} s of ${(wall / 1000).toFixed(1)} s; the busiest:`,
    );
    for (const [name, { n, ms }] of Object.entries(commands)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 10))
      console.log(
        `  ${name.padEnd(36)}${String(n).padStart(7)} × ${(ms / n).toFixed(2).padStart(8)} ms = ` +
          `${(ms / 1000).toFixed(1).padStart(6)} s`,
      );
    if (keyLookup)
      console.log(
        `after it, one claim key looked up by _id (a claim with no case) among ${keyLookup.keys} keys: ` +
          `${keyLookup.ms.toFixed(1)} ms (median of ${KEY_LOOKUPS}); the server's plan: ${keyLookup.plan}`,
      );
    console.log(`\nimport bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db.close();
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

// Run as `tsx scripts/bench/imports.ts --child <job.json>`: one measurement in its own process.
const childIndex = process.argv.indexOf('--child');
if (childIndex > 0) await child(JSON.parse(await fs.promises.readFile(process.argv[childIndex + 1], 'utf8')) as Job);
