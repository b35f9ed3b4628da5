import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startLocalServer } from '../../server/platform/db/local-server.js';
import { loadTestConfig } from '../../server/config.js';
import { silentLogger } from '../support/app.js';

const listening = (uri: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(uri).port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** `npm run user:create` beside a running `npm start` must not start a second server on the same files. */
describe('the local database of a data directory', function () {
  this.timeout(180_000);

  it(
    'when another process already serves the data directory, then its server ' +
      'is used and left running; once that process is killed, its server is taken ' +
      'over and stopped with us',
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-shared-'));
      const toolCacheDir = loadTestConfig().toolCacheDir;
      const options =
        `{ dataDir: ${JSON.stringify(dataDir)}, toolCacheDir: ${JSON.stringify(toolCacheDir)}, ` +
        'logger: { info() {}, warn() {}, error() {}, debug() {} } }';
      const script = `import('./server/platform/db/local-server.ts').then(async (m) => {
      const s = await m.startLocalServer(${options});
      console.log(JSON.stringify({ uri: s.uri, kind: s.kind }));
      setInterval(() => {}, 1000);
    });`;
      const owner = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let first: { uri: string; kind: string };
      try {
        first = await new Promise<{ uri: string; kind: string }>((resolve, reject) => {
          owner.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(String(chunk))));
          owner.once('exit', (code) => reject(new Error(`the owner exited with ${code}`)));
        });
        const shared = await startLocalServer({ dataDir, toolCacheDir, logger: silentLogger });
        expect({ uri: shared.uri, kind: shared.kind }).to.deep.equal(first);
        await shared.stop();
        expect(await listening(first.uri), 'the owner’s server still serves').to.equal(true);
      } finally {
        owner.kill('SIGTERM');
        await new Promise((resolve) => owner.once('exit', resolve));
      }
      // Killed by a signal, the owner left its server running on these files: it is taken over, not doubled.
      expect(await listening(first.uri), 'the orphaned server still serves').to.equal(true);
      const adopted = await startLocalServer({ dataDir, toolCacheDir, logger: silentLogger });
      expect(adopted.uri).to.equal(first.uri);
      await adopted.stop();
      expect(await listening(adopted.uri), 'stopped with us').to.equal(false);
      expect(await fs.readdir(dataDir)).to.not.include('running-server.json');
    },
  );
});
