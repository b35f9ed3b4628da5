import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { startLocalServer } from '../../server/platform/db/local-server.js';
import { loadTestConfig } from '../../server/config.js';
import { silentLogger } from '../support/app.js';

/**
 * The local default database keeps what it acknowledged: a loop of inserts runs while the server
 * process is killed outright (SIGKILL, no chance to flush), the server is started again on the
 * same files, and every insert that was answered is there. Writes in flight at the kill may land
 * or not: they were never acknowledged.
 */
describe('the local database killed under writes', function () {
  this.timeout(180_000);

  it('when the server is killed mid-loop and restarted on its files, then no acknowledged write is lost', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-kill-'));
    const toolCacheDir = loadTestConfig().toolCacheDir;
    const first = await startLocalServer({ dataDir, toolCacheDir, logger: silentLogger });
    expect(first.pid, 'a server of our own, which we can kill').to.be.a('number');
    const client = await new mongoose.mongo.MongoClient(first.uri, { serverSelectionTimeoutMS: 2_000 }).connect();
    const acknowledged: number[] = [];
    const killAfter = 300;
    try {
      const writes = client.db('kill').collection<{ _id: number; note: string }>('writes');
      // Two writers at once, so the kill falls between and during writes, not only after one.
      const writer = async (start: number) => {
        for (let i = start; ; i += 2) {
          try {
            await writes.insertOne({ _id: i, note: `write ${i}` });
          } catch {
            return;
          }
          acknowledged.push(i);
          if (acknowledged.length === killAfter) process.kill(first.pid!, 'SIGKILL');
        }
      };
      await Promise.all([writer(0), writer(1)]);
    } finally {
      await client.close(true);
    }
    expect(acknowledged.length).to.be.at.least(killAfter);

    const second = await startLocalServer({ dataDir, toolCacheDir, logger: silentLogger });
    const reader = await new mongoose.mongo.MongoClient(second.uri).connect();
    try {
      const kept = await reader
        .db('kill')
        .collection<{ _id: number }>('writes')
        .countDocuments({ _id: { $in: acknowledged } });
      console.log(
        `      ${acknowledged.length} writes acknowledged before and around the kill, ${kept} found after it`,
      );
      expect(kept).to.equal(acknowledged.length);
    } finally {
      await reader.close();
      await second.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
