/**
 * The service as an operator runs it: `server/index.ts` in a process of its own, on a port and a
 * data directory of its own, stopped by a signal. For tests of outages and shutdown.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../server/platform/db/local-server.js';
import { loadTestConfig } from '../../server/config.js';

const run = promisify(execFile);

export interface ServiceProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Every log line so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the first log line whose message is `message`. */
  logged(message: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Runs `npm run user:create` against the service's database; answers the bearer header. */
  userAuth(role: string): Promise<{ Authorization: string }>;
}

/** A new empty folder under the system's temporary directory. */
export const tempDir = (prefix: string) => fs.mkdtemp(path.join(os.tmpdir(), `overturn-${prefix}-`));

/**
 * Starts the service and waits until it listens. `env` adds to or removes from (undefined) the
 * environment; without MONGODB_URI the service provisions a local database in its data directory.
 */
export async function startService(
  env: Record<string, string | undefined> = {},
  /** What node runs: the sources by default; `['scripts/start.mjs']` is `npm start` (the compiled build). */
  entry: string[] = ['--import', 'tsx', 'server/index.ts'],
): Promise<ServiceProcess> {
  const dataDir = await tempDir('service');
  const port = await freePort();
  const environment: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    TOOL_CACHE_DIR: loadTestConfig().toolCacheDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    MONGODB_URI: undefined,
    ...env,
  };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete environment[key];
  const child = spawn(process.execPath, entry, {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: ServiceProcess['logs'] = [];
  const waiters: Array<() => void> = [];
  const read = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ message: line });
      }
    }
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (message: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const look = () => {
        const found = logs.find((l) => l.message === message);
        if (found) return resolve(found);
        if (child.exitCode !== null) return reject(new Error(`the service exited before logging '${message}'`));
        waiters.push(look);
      };
      look();
      void exited.then(look);
    });
  await logged('Overturn listening');
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    logs,
    logged,
    exited,
    async userAuth(role) {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/user-create.ts', '--name', `Outage ${role}`, '--role', role],
        { env: environment },
      );
      return { Authorization: `Bearer ${JSON.parse(stdout).token}` };
    },
  };
}

/** The local database recorded for a data directory, or null when none is. */
export async function runningServer(dataDir: string): Promise<{ uri: string; serverPid: number } | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, 'db', 'running-server.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Asks `check` again (every 100 ms) until it holds; the test's own timeout bounds the wait. */
export async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}
