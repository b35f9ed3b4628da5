/**
 * Two first starts of the service at once (two `npm start`, or `npm start` beside `npm run
 * user:create` on a fresh machine) build FerretDB once and start one database per data
 * directory: they take turns through a lock file, and a lock left by a killed start is broken.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startLocalServer } from '../../server/platform/db/local-server.js';
import { loadTestConfig } from '../../server/config.js';
import { silentLogger } from '../support/app.js';
import { tempDir } from './service-process.js';

/** Runs `body` (a module's text, with `m` the local-server module) in a process of its own. */
function inProcess(body: string) {
  const script = `import('./server/platform/db/local-server.ts').then(async (m) => { ${body} });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.once('data', () => resolve(lines[0]));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before answering`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, lines, firstLine, exited };
}

const logger = `{ info: (m) => console.log(m), warn() {}, error() {}, debug() {} }`;

describe('two first starts at once', function () {
  this.timeout(300_000);
  const toolCacheDir = loadTestConfig().toolCacheDir;

  it(
    'when two processes start the local database of one fresh data directory at once, ' +
      'then one server is started and the other process uses it',
    async () => {
      const dataDir = await tempDir('two-starts');
      const start = () =>
        inProcess(`
          const s = await m.startLocalServer({ dataDir: ${JSON.stringify(dataDir)},
            toolCacheDir: ${JSON.stringify(toolCacheDir)}, logger: { info() {}, warn() {}, error() {}, debug() {} } });
          console.log(JSON.stringify({ uri: s.uri, started: s.pid !== undefined }));
          process.once('SIGTERM', () => s.stop().then(() => process.exit(0)));
          setInterval(() => {}, 1000);`);
      const both = [start(), start()];
      try {
        const answers = (await Promise.all(both.map((p) => p.firstLine))).map((l) => JSON.parse(l));
        expect(answers[0].uri).to.equal(answers[1].uri);
        expect(answers.map((a) => a.started).sort()).to.deep.equal([false, true]);
      } finally {
        // The one that joined goes first: its stop leaves the server to its starter.
        for (const p of both.slice().reverse()) {
          p.child.kill('SIGTERM');
          await p.exited;
        }
      }
      expect(await fs.readdir(dataDir)).to.not.include('running-server.json');
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  );

  it('when a start was killed while holding the lock, then the next start breaks it and proceeds', async () => {
    const dataDir = await tempDir('stale-lock');
    const killed = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => killed.once('exit', resolve));
    await fs.writeFile(path.join(dataDir, 'start.lock'), String(killed.pid));
    const server = await startLocalServer({ dataDir, toolCacheDir, logger: silentLogger });
    try {
      expect(server.uri).to.match(/^mongodb:\/\/127\.0\.0\.1:\d+\//);
      expect(await fs.readdir(dataDir)).to.not.include('start.lock');
    } finally {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when two processes find no FerretDB binary at once, then it is built once and both use it', async () => {
    const freshCache = await tempDir('tool-cache');
    const build = () =>
      inProcess(`
        const binary = await m.ensureFerretDbBinary(${JSON.stringify(freshCache)}, ${logger});
        console.log(JSON.stringify({ binary }));`);
    const both = [build(), build()];
    await Promise.all(both.map((p) => p.exited));
    const lines = both.flatMap((p) => p.lines);
    expect(lines.filter((l) => l === 'building FerretDB (first run only)')).to.have.length(1);
    const binaries = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).binary);
    expect(binaries).to.have.length(2);
    expect(binaries[0]).to.equal(binaries[1]);
    await fs.access(binaries[0], fs.constants.X_OK);
    await fs.rm(freshCache, { recursive: true, force: true });
  });
});
