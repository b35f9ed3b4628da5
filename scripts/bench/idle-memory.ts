/**
 * `npm run bench -- memory [--services=a,b] [--memory-rounds=3]`: the compiled service's resident
 * memory (VmRSS) on the demo database, after start and after the demo journey: three roles
 * (billing, clinician, medical director) each sign in through the web form, open their home page,
 * the case list, five cases, the board and /p2p. RSS is read once the journey is answered and the
 * process has idled for a while (what an operator sees between visits), with the V8 heap and the
 * memory outside it from /metrics, so a gap can be placed. Under `npm start`'s launcher (Linux) the
 * figures are the service's process; the launcher's own RSS is the last column.
 *
 * A throwaway database is seeded with the demo once (by the service itself, as `npm start` does),
 * then each build (`--services=`: a build folder holding `server/index.js`, or a checkout holding
 * `scripts/start.mjs`, run as `npm start` runs it; default: this checkout's `npm start`) starts
 * afresh on it, the builds taking turns (A B, B A…), so the machine's load falls on all alike.
 * Not a test: nothing here passes or fails.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { median, startCompiledService, type CompiledService } from './service-load.js';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROUNDS = Number(option('memory-rounds', '3'));
const BUILDS = option('services', '').split(',').filter(Boolean);
/** How long the process idles after the journey before its RSS is read. */
const SETTLE_MS = 10_000;
const ROLES = ['billing', 'clinician', 'director'];
const CASES_OPENED = 5;

/** A browser's visit: cookies kept between requests, redirects followed by hand so each cookie is caught. */
async function visit(base: string, role: string) {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}): Promise<string> => {
    const res = await fetch(`${base}${url}`, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await res.text();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) return send(location);
    if (res.status >= 500) throw new Error(`${url}: ${res.status}`);
    return body;
  };
  const form = await send('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const home = await send('/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrf,
      email: `${role}@demo.overturn.test`,
      password: `demo-${role}`,
    }).toString(),
  });
  if (home.includes('name="password"')) throw new Error(`${role} could not sign in`);
  const list = await send('/cases');
  const ids = [...new Set([...list.matchAll(/href="\/cases\/([0-9a-f]{24})"/g)].map((m) => m[1]))];
  for (const id of ids.slice(0, CASES_OPENED)) await send(`/cases/${id}`);
  await send('/board');
  await send('/p2p');
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** The V8 heap in use and the memory outside V8's heap (buffers, native), from the service's /metrics. */
async function heapFigures(service: CompiledService) {
  const text = await (
    await fetch(`${service.base}/metrics`, { headers: { authorization: 'Bearer ovt_demo_admin' } })
  ).text();
  const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1]);
  return {
    heapUsedMb: mb(metric('overturn_nodejs_heap_size_used_bytes')),
    externalMb: mb(metric('overturn_nodejs_external_memory_bytes')),
  };
}

async function round(build: string | undefined, env: Record<string, string>) {
  const service = await startCompiledService(build, env);
  try {
    const startRssMb = service.memory().rssMb;
    for (const role of ROLES) await visit(service.base, role);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const { rssMb, peakMb, launcherRssMb } = service.memory();
    return { startRssMb, journeyRssMb: rssMb, peakMb, launcherRssMb, ...(await heapFigures(service)) };
  } finally {
    await service.stop();
  }
}

/** Prints the memory figures (the `memory` section of `npm run bench`). */
export async function bench(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-memory-'));
  const config = loadConfig({ ...process.env, DATA_DIR: path.join(tmp, 'db'), LOG_LEVEL: 'error', SEED_DEMO: 'false' });
  const db = await openDatabase(config, createLogger('error', true), { dbName: `bench_memory_${process.pid}` });
  try {
    const env = {
      MONGODB_URI: db.uri,
      UPLOAD_DIR: path.join(tmp, 'uploads'),
      DATA_DIR: path.join(tmp, 'unused'),
      SEED_DEMO: 'true',
      JOBS_ENABLED: 'true',
    };
    const arms = BUILDS.length ? BUILDS : [undefined];
    // The first start seeds the demo; the measured starts find it there.
    await (await startCompiledService(arms[0], env)).stop();
    const runs = new Map<string | undefined, Awaited<ReturnType<typeof round>>[]>(arms.map((b) => [b, []]));
    const loads: string[] = [];
    for (let r = 0; r < ROUNDS; r++)
      for (let k = 0; k < arms.length; k++) {
        const build = arms[(r + k) % arms.length];
        loads.push(os.loadavg()[0].toFixed(1));
        runs.get(build)!.push(await round(build, env));
      }
    console.log(
      `Memory of the compiled service on the demo database (${db.kind}), ${ROUNDS} fresh processes per build, ` +
        `interleaved; ${os.cpus().length} cores, load at each start ${loads.join(', ')}. VmRSS after /ready, and ` +
        `${SETTLE_MS / 1000} s after a journey of ${ROLES.join(', ')} (sign-in, cases, ${CASES_OPENED} case files, ` +
        `board, /p2p); goal ≤ 150 MB. Median (each process).`,
    );
    const cols = (values: (string | number)[]) =>
      values.map((v, k) => (k ? String(v).padStart(22) : String(v).padEnd(32))).join('');
    console.log(
      cols(['build', 'start MB', 'after journey MB', 'peak MB', 'V8 heap used MB', 'external MB', 'launcher MB']),
    );
    for (const [build, rs] of runs) {
      const m = (pick: (x: (typeof rs)[number]) => number) =>
        `${median(rs.map(pick)).toFixed(0)} (${rs.map((x) => pick(x).toFixed(0)).join(', ')})`;
      console.log(
        cols([
          build ?? 'npm start',
          m((x) => x.startRssMb),
          m((x) => x.journeyRssMb),
          m((x) => x.peakMb),
          m((x) => x.heapUsedMb),
          m((x) => x.externalMb),
          m((x) => x.launcherRssMb),
        ]),
      );
    }
  } finally {
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
