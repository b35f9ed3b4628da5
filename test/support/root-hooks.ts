/**
 * The tests' databases: one server for the whole run, and on it a database of each test file's
 * own, so that files may run side by side (`mocha --parallel`, the default) or one after another.
 *
 * - The server is MONGODB_URI when set, else a local server provisioned exactly as `npm start`
 *   does (mongod, mongodb-memory-server, or FerretDB) in a temporary directory. The main mocha
 *   process starts it once (global setup) and hands its address to the workers in the environment.
 * - Each test file gets a fresh database with every index built, dropped when the file is done,
 *   and starts with an empty upload folder that no other file uses meanwhile (loadTestConfig's,
 *   one per process, since a process runs its files one at a time).
 *
 * A parallel worker's root suite holds one file, so the root hooks serve that file. A serial run
 * (`npm run test:serial`, test/support/mocha-only.sh) holds every file in one root suite: each
 * file's suites are then put under a suite of their own with the same per-file hooks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { startLocalServer, type LocalServer } from '../../server/platform/db/local-server.js';

/** The run's database server, from the main process to its workers (which inherit its environment). */
const SERVER_URI = 'OVERTURN_TEST_SERVER_URI';
const logger = createLogger('warn');

let server: LocalServer | undefined;
let serverDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  const config = loadTestConfig();
  if (config.mongodbUri) {
    process.env[SERVER_URI] = config.mongodbUri;
    console.log('      database under test: MONGODB_URI, a database per test file');
    return;
  }
  serverDir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-test-'));
  server = await startLocalServer({ dataDir: serverDir, toolCacheDir: config.toolCacheDir, logger });
  process.env[SERVER_URI] = server.uri;
  console.log(`      database under test: ${server.kind} at ${new URL(server.uri).host}, a database per test file`);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await server?.stop();
  if (serverDir) await fs.rm(serverDir, { recursive: true, force: true });
}

/** Connects mongoose to a new database of the file's own and empties its upload folder; returns the undoing. */
async function openFileDatabase(): Promise<() => Promise<void>> {
  const uri = process.env[SERVER_URI];
  if (!uri) throw new Error(`${SERVER_URI} is unset: run the tests through mocha, which requires this file`);
  const config = loadTestConfig({ mongodbUri: uri });
  await fs.rm(config.uploadDir, { recursive: true, force: true });
  const dbName = `overturn_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const db = await openDatabase(config, logger, { dbName });
  return async () => {
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db.close();
    await fs.rm(config.uploadDir, { recursive: true, force: true });
  };
}

type Hook = (this: Mocha.Context) => Promise<void>;

/** The per-file hooks: a database when the file starts, dropped when it ends. */
function fileHooks(): { open: Hook; close: Hook } {
  let close: (() => Promise<void>) | undefined;
  return {
    async open() {
      this.timeout(120_000);
      close = await openFileDatabase();
    },
    async close() {
      this.timeout(60_000);
      await close?.();
      close = undefined;
    },
  };
}

/**
 * Puts each file's top-level suites under a suite of their own that runs the per-file hooks. Like
 * the root suite it has no title, so test titles (and --grep) and the counts read as before.
 */
function suitePerFile(root: Mocha.Suite): void {
  const byFile = new Map<string, Mocha.Suite[]>();
  for (const suite of root.suites) byFile.set(suite.file ?? '', [...(byFile.get(suite.file ?? '') ?? []), suite]);
  if (root.tests.length) throw new Error('a test outside any describe() would share no file database');
  const Suite = root.constructor as typeof Mocha.Suite;
  root.suites = [];
  for (const [file, suites] of byFile) {
    const perFile = Suite.create(root, '');
    perFile.root = true;
    perFile.file = file;
    for (const suite of suites) {
      suite.parent = perFile;
      perFile.suites.push(suite);
    }
    const hooks = fileHooks();
    perFile.beforeAll(`a database of its own for ${path.relative('.', file)}`, hooks.open);
    perFile.afterAll(`drop the database of ${path.relative('.', file)}`, hooks.close);
  }
}

const rootHooks = fileHooks();
let serial = false;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    const root = this.test!.parent!;
    serial = new Set(root.suites.map((s) => s.file)).size > 1;
    if (serial) suitePerFile(root);
    else await rootHooks.open.call(this);
  },
  async afterAll(this: Mocha.Context) {
    if (!serial) await rootHooks.close.call(this);
  },
};
