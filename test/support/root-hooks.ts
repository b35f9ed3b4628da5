/**
 * One real database for the whole run: MONGODB_URI when set, else a local server provisioned
 * exactly as `npm start` does (mongod, mongodb-memory-server, or FerretDB), in a temporary
 * directory and a database named for this run, dropped at the end.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase, type Database } from '../../server/platform/db/database.js';

let db: Database | undefined;
let tmpDir: string | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(300_000);
    const config = loadTestConfig();
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-test-'));
    db = await openDatabase(config, createLogger('warn'), { dataDir: tmpDir, dbName: `overturn_test_${Date.now()}` });
    console.log(`      database under test: ${db.kind} (${mongoose.connection.name})`);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db?.close();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  },
};
