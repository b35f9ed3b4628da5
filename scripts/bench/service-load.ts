/**
 * The compiled service as it runs in production (`npm start`: node on dist/, no TypeScript
 * loader), in a process of its own on the bench's database, with its memory read from
 * /proc/<pid>/status: VmRSS now and VmHWM, the process's peak (worker threads included, since
 * they are threads of it). Used by the packet bench (twenty packets at once, the list under
 * packet load) and the capacity bench (start-up to /ready, idle RSS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Packets asked for at once; clients that keep making packets while the list is timed. */
export const CONCURRENT_PACKETS = 20;
const LOADING_PACKETS = 5;
const LIST_SAMPLES = 10;
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--service-rounds='))?.split('=')[1] ?? 3);

export interface CompiledService {
  label: string;
  base: string;
  proc: ChildProcess;
  /** Milliseconds from spawning the process to the first 200 from /ready. */
  readyMs: number;
  /** VmRSS and VmHWM (peak) of the service's process, and the RSS of its launcher when it has one, in MB. */
  memory: () => { rssMb: number; peakMb: number; launcherRssMb: number };
  stop: () => Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/**
 * Starts the compiled service: `build` is a folder holding a build's `server/index.js`, or a
 * checkout holding `scripts/start.mjs`, or undefined for this checkout: such a checkout is started
 * as `npm start` starts it (scripts/start.mjs, which builds dist/ first when it is stale).
 * Resolves once /ready answers 200.
 */
export async function startCompiledService(
  build: string | undefined,
  env: Record<string, string>,
): Promise<CompiledService> {
  const port = await freePort();
  const launcher = path.resolve(build ?? '.', 'scripts/start.mjs');
  const args = fs.existsSync(launcher) ? [launcher] : ['--enable-source-maps', path.resolve(build!, 'server/index.js')];
  const started = performance.now();
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'development', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // Ten minutes: `npm start` may compile dist/ first, and a large database on FerretDB starts slowly.
  for (let tries = 0; ; tries++) {
    if (proc.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${proc.exitCode}`);
    if (tries > 6000) throw new Error(`${args.join(' ')} did not become ready`);
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = performance.now() - started;
  // `npm start` on Linux runs the service in a child of its launcher (scripts/start.mjs): the
  // figures are the service's, and the launcher's own RSS is given beside them.
  const launched = fs
    .readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/index.js'));
  const statusOf = (pid: number | string | undefined) => {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
  };
  const memory = () => {
    const mb = statusOf(launched ?? proc.pid);
    return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM'), launcherRssMb: launched ? statusOf(proc.pid)('VmRSS') : 0 };
  };
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  };
  return { label: build ?? 'npm start (dist/)', base, proc, readyMs, memory, stop };
}

interface LoadJob {
  uri: string;
  uploadDir: string;
  caseId: string;
  token: string;
  /** Cases with the same exhibits, for packets asked for at once (one case numbers its versions one at a time). */
  loadCases: string[];
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.ceil(q * xs.length) - 1];
/** The middle value (the lower of the two middle ones for an even count). */
export const median = (xs: number[]) => quantile(xs, 0.5);

/** One fresh service process: a warm-up packet, twenty at once, then the list idle and under packet load. */
async function loadRound(build: string | undefined, job: LoadJob) {
  const service = await startCompiledService(build, {
    MONGODB_URI: job.uri,
    UPLOAD_DIR: job.uploadDir,
    DATA_DIR: path.join(os.tmpdir(), 'overturn-bench-unused-db'),
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
  });
  const headers = { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' };
  const packet = async (caseId: string) => {
    const res = await fetch(`${service.base}/api/v1/cases/${caseId}/packets`, { method: 'POST', headers, body: '{}' });
    if (res.status !== 201) throw new Error(`generation failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const list = async () => {
    const sent = performance.now();
    const res = await fetch(`${service.base}/api/v1/cases?limit=50`, { headers });
    if (res.status !== 200) throw new Error(`list failed: ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - sent;
  };
  const listTimes = async () => {
    const times: number[] = [];
    for (let k = 0; k < LIST_SAMPLES; k++) times.push(await list());
    return times;
  };
  try {
    const idleRssMb = service.memory().rssMb;
    await packet(job.caseId); // warm-up: the workers load pdfkit and pdf-lib once
    const burstStart = performance.now();
    await Promise.all(job.loadCases.slice(0, CONCURRENT_PACKETS).map(packet));
    const burstMs = performance.now() - burstStart;
    const { peakMb } = service.memory();
    // What the process keeps once the packets are answered (buffers, workers' heaps).
    await new Promise((r) => setTimeout(r, 5000));
    const afterRssMb = service.memory().rssMb;
    const idleMs = await listTimes();
    let stop = false;
    const generators = job.loadCases.slice(0, LOADING_PACKETS).map(async (caseId) => {
      let made = 0;
      while (!stop) await packet(caseId).then(() => made++);
      return made;
    });
    const loadedMs = await listTimes();
    stop = true;
    const packetsMade = (await Promise.all(generators)).reduce((a, b) => a + b, 0);
    return { readyMs: service.readyMs, idleRssMb, burstMs, peakMb, afterRssMb, idleMs, loadedMs, packetsMade };
  } finally {
    await service.stop();
  }
}

/**
 * Twenty packets asked for at once from the compiled service (wall time and its peak RSS), and
 * the case list's latency idle and while five clients keep asking for packets. With several
 * builds (`--services=dirA,dirB`), each round runs each build in a fresh process, the order
 * rotated each round (A B, B A…), so the machine's load falls on all alike.
 */
export async function compiledServiceUnderLoad(builds: string[], job: LoadJob, armIdleRssMb?: number): Promise<void> {
  const arms = builds.length ? builds : [undefined];
  const rounds = new Map<string | undefined, Awaited<ReturnType<typeof loadRound>>[]>(arms.map((b) => [b, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (let k = 0; k < arms.length; k++) {
      const build = arms[(round + k) % arms.length];
      rounds.get(build)!.push(await loadRound(build, job));
    }
  console.log(
    `\nThe compiled service (node on a build, ${ROUNDS} fresh processes per build, interleaved): ` +
      `${CONCURRENT_PACKETS} packets asked for at once after one warm-up packet, then GET /api/v1/cases?limit=50 ` +
      `${LIST_SAMPLES} times idle and ${LIST_SAMPLES} times while ${LOADING_PACKETS} clients make packets` +
      `${armIdleRssMb ? ` (the tsx arm process above idles at ${armIdleRssMb.toFixed(0)} MB)` : ''}. ` +
      `Medians over the processes; goals: ` +
      `peak RSS ≤ 250 MB, list p99 loaded / idle ≤ 3.`,
  );
  const cols = (values: (string | number)[]) =>
    values.map((v, k) => (k ? String(v).padStart(11) : String(v).padEnd(36))).join('');
  console.log(
    cols(['build', 'ready s', 'idle MB', 'burst s', 'peak MB', 'after MB', 'idle p99', 'loaded p99', 'ratio']),
  );
  for (const [build, rs] of rounds) {
    const m = (pick: (r: (typeof rs)[number]) => number, digits = 0) => median(rs.map(pick)).toFixed(digits);
    const p99 = (xs: number[]) => quantile(xs, 0.99);
    console.log(
      cols([
        build ?? 'npm start (dist/)',
        m((r) => r.readyMs / 1000, 1),
        m((r) => r.idleRssMb),
        m((r) => r.burstMs / 1000, 1),
        m((r) => r.peakMb),
        m((r) => r.afterRssMb),
        `${m((r) => p99(r.idleMs))} ms`,
        `${m((r) => p99(r.loadedMs))} ms`,
        m((r) => p99(r.loadedMs) / p99(r.idleMs), 2),
      ]),
    );
    console.log(
      `  each process: peak ${rs.map((r) => r.peakMb.toFixed(0)).join(', ')} MB; burst ` +
        `${rs.map((r) => (r.burstMs / 1000).toFixed(1)).join(', ')} s; packets made under the list ` +
        `${rs.map((r) => r.packetsMade).join(', ')}`,
    );
  }
}
