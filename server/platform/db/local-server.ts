/**
 * Provisions a local MongoDB-compatible server when MONGODB_URI is not set, trying in order:
 *  1. a `mongod` on PATH;
 *  2. mongodb-memory-server-core (a real mongod; downloads its binary only when online);
 *  3. FerretDB v1 on SQLite, built once from the Go module proxy and cached outside the repo.
 * The machines this project runs on reach only package registries, so (3) is what CI uses.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import dns from 'node:dns/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging.js';
import { errorFields } from '../errors.js';
import { processAlive, withFileLock } from './file-lock.js';

const run = promisify(execFile);
const FERRETDB_VERSION = 'v1.24.0';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

export type LocalServerKind = 'mongod' | 'mongodb-memory-server' | 'ferretdb';

export interface LocalServer {
  kind: LocalServerKind;
  uri: string;
  /** The server's own process, when we started it as a child. */
  pid?: number;
  stop(): Promise<void>;
}

export interface LocalServerOptions {
  /** Directory for the server's files; persistent for `npm start`, throwaway for tests. */
  dataDir: string;
  /** Where the FerretDB binary is cached between runs. */
  toolCacheDir: string;
  logger: Logger;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  await fs.mkdir(options.dataDir, { recursive: true });
  // Two first starts at once would both find no server and start two on the same files.
  return withFileLock(path.join(options.dataDir, 'start.lock'), () => startOrJoin(options));
}

async function startOrJoin(options: LocalServerOptions): Promise<LocalServer> {
  // Two servers on one data directory would corrupt it: a second process (`npm run user:create`
  // beside `npm start`) uses the server already running there.
  const claim = path.join(options.dataDir, RUNNING_FILE);
  const running = await runningServer(claim);
  if (running?.owned) {
    options.logger.info('local database already running', { database: running.kind, uri: running.uri });
    return { kind: running.kind, uri: running.uri, stop: async () => undefined };
  }
  // Written aside and renamed into place, so another process never reads half a file.
  const writeClaim = async (server: Pick<LocalServer, 'kind' | 'uri' | 'pid'>) => {
    const aside = `${claim}.${process.pid}`;
    await fs.writeFile(
      aside,
      JSON.stringify({ kind: server.kind, uri: server.uri, pid: process.pid, serverPid: server.pid }),
    );
    await fs.rename(aside, claim);
  };
  // A server whose starting process died without stopping it (killed by a signal) still serves
  // these files: it is taken over rather than joined by a second one.
  const server: LocalServer = running
    ? {
        kind: running.kind,
        uri: running.uri,
        pid: running.serverPid,
        stop: () => stopProcess(running.serverPid, running.uri),
      }
    : await startFirstAvailable({
        ...options,
        restarted: (again) =>
          void writeClaim(again).catch((err: unknown) =>
            options.logger.warn('running-server.json not updated', { code: errorFields(err).code }),
          ),
      });
  if (running) options.logger.info('local database taken over', { database: running.kind, uri: running.uri });
  await writeClaim(server);
  // However this process ends (an uncaught error, a forced exit), a server it started is killed
  // with it, and the claim goes too. One it took over lives on: its claim stays, for the next start.
  const forget = () => fsSync.rmSync(claim, { force: true });
  if (!running) process.once('exit', forget);
  return {
    kind: server.kind,
    uri: server.uri,
    get pid() {
      return server.pid;
    },
    stop: async () => {
      try {
        await server.stop();
      } finally {
        process.removeListener('exit', forget);
        await fs.rm(claim, { force: true });
      }
    },
  };
}

const RUNNING_FILE = 'running-server.json';

interface RunningClaim {
  kind: LocalServerKind;
  uri: string;
  /** The process that started the server, and the server's own. */
  pid: number;
  serverPid: number;
}

/**
 * The server recorded for this data directory, if it still serves: `owned` while the process
 * that started it lives, else an orphan whose process is known. Anything else is forgotten.
 */
async function runningServer(claim: string): Promise<(RunningClaim & { owned: boolean }) | null> {
  let running: RunningClaim;
  try {
    running = JSON.parse(await fs.readFile(claim, 'utf8'));
  } catch {
    return null;
  }
  if (running.pid !== process.pid && (await listening(Number(new URL(running.uri).port)))) {
    if (processAlive(running.pid)) return { ...running, owned: true };
    if (running.serverPid && processAlive(running.serverPid)) return { ...running, owned: false };
  }
  await fs.rm(claim, { force: true });
  return null;
}

/** Stops a server process that is not our child, and waits until it no longer listens. */
async function stopProcess(pid: number, uri: string): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < 10_000 && (await listening(Number(new URL(uri).port))); waited += 100)
    await new Promise((r) => setTimeout(r, 100));
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Options of a server this process starts: `restarted` hears of each start after a crash. */
type StartOptions = LocalServerOptions & { restarted(server: LocalServer): void };

async function startFirstAvailable(options: StartOptions): Promise<LocalServer> {
  const attempts: Array<[LocalServerKind, () => Promise<LocalServer | null>]> = [
    ['mongod', () => startMongodOnPath(options)],
    ['mongodb-memory-server', () => startMemoryServer(options)],
    ['ferretdb', () => startFerretDb(options)],
  ];
  const failures: string[] = [];
  for (const [kind, attempt] of attempts) {
    try {
      const server = await attempt();
      if (server) {
        options.logger.info('local database started', { database: kind, uri: server.uri });
        return server;
      }
      failures.push(`${kind}: not available`);
    } catch (err) {
      failures.push(`${kind}: ${String(errorFields(err).message).split('\n')[0]}`);
    }
  }
  throw new Error(
    `No local database could be started (${failures.join('; ')}). Set MONGODB_URI to a MongoDB 6+ server.`,
  );
}

async function which(cmd: string): Promise<string | null> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${cmd}`]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      // Listening on a TCP port, the address is never a pipe name.
      if (address === null || typeof address === 'string') return reject(new Error('not listening on a TCP port'));
      srv.close(() => resolve(address.port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Stops a child server, by SIGTERM then (after 5 s) SIGKILL; resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const RESTART_STABLE_MS = 60_000;

/**
 * Starts a child server with `launch` (which resolves once it listens, else kills it and throws),
 * kills it if this process exits without stopping it (a crash, a killed test run), and starts it
 * again on the same port when it dies unasked: after 0.5 s, then twice as long each time up to
 * 30 s, back to 0.5 s once a start has lasted a minute. The driver reconnects by itself.
 */
async function supervised(
  kind: LocalServerKind,
  port: number,
  launch: () => Promise<ChildProcess>,
  { logger, restarted }: StartOptions,
): Promise<LocalServer> {
  let stopping = false;
  let delay = RESTART_FIRST_MS;
  let timer: NodeJS.Timeout | undefined;
  const start = async () => {
    const child = await launch();
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > RESTART_STABLE_MS) delay = RESTART_FIRST_MS;
      logger.warn('local database exited; starting it again', { database: kind, code, signal, afterMs: delay });
      scheduleRestart();
    });
    return child;
  };
  const scheduleRestart = () => {
    timer = setTimeout(() => {
      start().then(
        (child) => {
          // Stopped while it was starting: it goes too.
          if (stopping) return void stopChild(child);
          current = child;
          restarted(server);
          logger.info('local database started again', { database: kind, port });
        },
        (err: unknown) => {
          logger.warn('local database did not start again', { database: kind, error: errorFields(err).message });
          if (!stopping) scheduleRestart();
        },
      );
    }, delay);
    // A restart pending must not keep alive a process that has nothing else to do.
    timer.unref();
    delay = Math.min(delay * 2, RESTART_MAX_MS);
  };
  let current = await start();
  const server: LocalServer = {
    kind,
    uri: `mongodb://127.0.0.1:${port}/overturn`,
    get pid() {
      return current.pid;
    },
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await stopChild(current);
    },
  };
  return server;
}

/** Spawns a server and waits until it listens on `port`; one that does not is killed. */
async function listeningChild(
  command: string,
  args: string[],
  port: number,
  describe: (stderr: string) => string = () => '',
): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // However this process ends (a crash, a killed test run, an exit while it starts), the server goes too.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
  try {
    await waitForPort(port, child, 30_000);
    return child;
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${String(errorFields(err).message)}${describe(stderr.trim())}`);
  }
}

async function startMongodOnPath(options: StartOptions): Promise<LocalServer | null> {
  const mongod = await which('mongod');
  if (!mongod) return null;
  const port = await freePort();
  const dbPath = path.join(options.dataDir, 'mongod');
  await fs.mkdir(dbPath, { recursive: true });
  const args = ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
  return supervised('mongod', port, () => listeningChild(mongod, args, port), options);
}

/** True when a mongod binary can be had without the network, or the download host resolves. */
async function memoryServerBinaryReachable(): Promise<boolean> {
  const cached = path.join(os.homedir(), '.cache', 'mongodb-binaries');
  if (
    process.env.MONGOMS_SYSTEM_BINARY ||
    (await fs.readdir(cached).then(
      (f) => f.length > 0,
      () => false,
    ))
  )
    return true;
  return dns.lookup('fastdl.mongodb.org').then(
    () => true,
    () => false,
  );
}

async function startMemoryServer({ dataDir }: LocalServerOptions): Promise<LocalServer | null> {
  // Offline, the library would retry its download for many seconds and print the failure.
  if (!(await memoryServerBinaryReachable())) return null;
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = path.join(dataDir, 'mongodb-memory-server');
  await fs.mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
  return {
    kind: 'mongodb-memory-server',
    uri: server.getUri('overturn'),
    stop: async () => void (await server.stop({ doCleanup: false })),
  };
}

/**
 * Builds FerretDB once into the cache; later runs reuse the binary. Two first starts at once take
 * turns (a lock file in the cache), so the second finds the binary the first built.
 */
export async function ensureFerretDbBinary(toolCacheDir: string, logger: Logger): Promise<string> {
  const binary = path.join(toolCacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
  const built = () =>
    fs.access(binary).then(
      () => true,
      () => false,
    );
  if (await built()) return binary;
  await fs.mkdir(toolCacheDir, { recursive: true });
  return withFileLock(path.join(toolCacheDir, `ferretdb-${FERRETDB_VERSION}.lock`), async () => {
    if (!(await built())) await buildFerretDb(toolCacheDir, binary, logger);
    return binary;
  });
}

async function buildFerretDb(toolCacheDir: string, binary: string, logger: Logger): Promise<void> {
  if (!(await which('go'))) throw new Error('go is not on PATH, so FerretDB cannot be built');
  logger.info('building FerretDB (first run only)', { version: FERRETDB_VERSION });
  // `go install …@version` consults the module's version list, which the registry mirror here
  // refuses; downloading the exact version and building from a copy of it avoids that list.
  const { stdout } = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    maxBuffer: 1 << 20,
  });
  const { Dir: moduleDir }: { Dir?: unknown } = JSON.parse(stdout);
  if (typeof moduleDir !== 'string') throw new Error(`go mod download did not name the module's directory`);
  const buildDir = path.join(toolCacheDir, `ferretdb-${FERRETDB_VERSION}-src`);
  await fs.rm(buildDir, { recursive: true, force: true });
  await fs.cp(moduleDir, buildDir, { recursive: true });
  await run('chmod', ['-R', 'u+w', buildDir]);
  // FerretDB reads its version from a file its own release tooling writes.
  await fs.writeFile(path.join(buildDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  const tmpBinary = `${binary}.tmp-${process.pid}`;
  await fs.mkdir(path.dirname(binary), { recursive: true });
  await run('go', ['build', '-o', tmpBinary, './cmd/ferretdb'], {
    cwd: buildDir,
    maxBuffer: 16 << 20,
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  await fs.rename(tmpBinary, binary);
  await fs.rm(buildDir, { recursive: true, force: true });
}

async function startFerretDb(options: StartOptions): Promise<LocalServer | null> {
  const binary = await ensureFerretDbBinary(options.toolCacheDir, options.logger);
  const port = await freePort();
  const sqliteDir = path.join(options.dataDir, 'ferretdb');
  await fs.mkdir(sqliteDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${sqliteDir}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=error',
  ];
  const launch = () => listeningChild(binary, args, port, (stderr) => `: ${stderr}`);
  try {
    return await supervised('ferretdb', port, launch, options);
  } catch (err) {
    throw new Error(`FerretDB ${String(errorFields(err).message)}`);
  }
}
