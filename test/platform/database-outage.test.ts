/**
 * The service when its database goes away, and when it is told to stop. Each test runs the
 * service as its own process on a FerretDB of the test's own (never the suite's shared server),
 * and kills or stops that database for real.
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startLocalServer, type LocalServer } from '../../server/platform/db/local-server.js';
import { loadTestConfig } from '../../server/config.js';
import { caseBody } from '../support/factories.js';
import { silentLogger } from '../support/app.js';
import { processAlive as alive } from '../../server/platform/db/file-lock.js';
import { eventually, runningServer, startService, tempDir, type ServiceProcess } from './service-process.js';

/** A FerretDB of the test's own, in a temporary folder. */
async function ownDatabase(): Promise<LocalServer & { dataDir: string }> {
  const dataDir = await tempDir('own-db');
  const server = await startLocalServer({ dataDir, toolCacheDir: loadTestConfig().toolCacheDir, logger: silentLogger });
  return Object.assign(server, { dataDir });
}

/** How many processes run with `dir` on their command line (a database serving its files). */
async function serversOn(dir: string): Promise<number> {
  const pids = (await fs.readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const commands = await Promise.all(pids.map((pid) => fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return commands.filter((command) => command.includes(dir)).length;
}

async function call(service: ServiceProcess, method: string, route: string, auth = {}, body?: unknown) {
  const res = await fetch(`${service.url}${route}`, {
    method,
    headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

describe('the service when its database is down, and on SIGTERM', function () {
  this.timeout(180_000);
  const started: Array<ServiceProcess | (LocalServer & { dataDir: string })> = [];
  afterEach(async () => {
    for (const s of started.splice(0)) {
      // A service a failed test left running is stopped as an operator would, so its database goes too.
      if ('child' in s) {
        if (s.child.exitCode === null) s.child.kill('SIGTERM');
        await s.exited;
      } else await s.stop();
      await fs.rm(s.dataDir, { recursive: true, force: true });
    }
  });

  it(
    'when the database it was given stops, then reads and writes answer 503 problem+json ' +
      'DATABASE_UNAVAILABLE and /ready 503; SIGTERM then ends the service at once',
    async () => {
      const db = await ownDatabase();
      started.push(db);
      const service = await startService({ MONGODB_URI: db.uri });
      started.push(service);
      const auth = await service.userAuth('billing');
      expect((await call(service, 'POST', '/api/v1/cases', auth, caseBody())).status).to.equal(201);
      expect((await call(service, 'GET', '/ready')).status).to.equal(200);

      await db.stop();
      const write = await call(service, 'POST', '/api/v1/cases', auth, caseBody());
      expect(write.status, JSON.stringify(write.body)).to.equal(503);
      expect(write.type).to.match(/^application\/problem\+json/);
      expect(write.body).to.include({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      const read = await call(service, 'GET', '/api/v1/cases', auth);
      expect(read.status).to.equal(503);
      expect(read.body.code).to.equal('DATABASE_UNAVAILABLE');
      expect((await call(service, 'GET', '/ready')).status).to.equal(503);

      service.child.kill('SIGTERM');
      expect(await service.exited).to.equal(0);
    },
  );

  it(
    'when the local database it provisioned is killed, then it is started again and the ' +
      'service answers again; SIGTERM stops it and leaves no running-server.json',
    async () => {
      const service = await startService();
      started.push(service);
      const auth = await service.userAuth('billing');
      const first = await runningServer(service.dataDir);
      expect(first, 'running-server.json').to.not.equal(null);

      process.kill(first!.serverPid, 'SIGKILL');
      await service.logged('local database exited; starting it again');
      await service.logged('local database started again');
      await eventually(async () => (await runningServer(service.dataDir))?.serverPid !== first!.serverPid);
      const now = (await runningServer(service.dataDir))!;
      expect(now.uri).to.equal(first!.uri);
      expect(now.serverPid).to.not.equal(first!.serverPid);
      expect(alive(now.serverPid)).to.equal(true);
      // The driver reconnects by itself; the first request after the restart may still meet the old connection.
      await eventually(async () => (await call(service, 'GET', '/ready')).status === 200);
      const created = await call(service, 'POST', '/api/v1/cases', auth, caseBody());
      expect(created.status, JSON.stringify(created.body)).to.equal(201);

      service.child.kill('SIGTERM');
      expect(await service.exited).to.equal(0);
      expect(await runningServer(service.dataDir)).to.equal(null);
      expect(alive(now.serverPid), 'the restarted database is stopped with the service').to.equal(false);
    },
  );

  it(
    'when SIGTERM comes while its local database is down, then the service exits cleanly, ' +
      'with no database process and no running-server.json left',
    async () => {
      const service = await startService();
      started.push(service);
      const first = (await runningServer(service.dataDir))!;
      process.kill(first.serverPid, 'SIGKILL');
      await service.logged('local database exited; starting it again');
      service.child.kill('SIGTERM');
      expect(await service.exited).to.equal(0);
      expect(await runningServer(service.dataDir)).to.equal(null);
      // A database started again just before the exit is told to stop as the service exits.
      await eventually(async () => (await serversOn(path.join(service.dataDir, 'db'))) === 0);
    },
  );

  it('when SIGTERM comes while a request is in flight, then it is answered before the service exits', async () => {
    const db = await ownDatabase();
    started.push(db);
    const service = await startService({ MONGODB_URI: db.uri });
    started.push(service);
    const auth = await service.userAuth('billing');
    const body = Buffer.from(JSON.stringify(caseBody()));
    const { port } = new URL(service.url);
    // The request's headers go first; the service acknowledges them (100 Continue), so it is in flight.
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/cases',
      headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': body.length, Expect: '100-continue' },
    });
    const answered = new Promise<{ status?: number; body: string }>((resolve, reject) => {
      req.once('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      });
      req.once('error', reject);
    });
    await new Promise((resolve) => req.once('continue', resolve));
    service.child.kill('SIGTERM');
    await service.logged('shutting down');
    req.end(body);
    const res = await answered;
    expect(res.status, res.body).to.equal(201);
    expect(await service.exited).to.equal(0);
    // The case it answered for is stored.
    const again = await startService({ MONGODB_URI: db.uri });
    started.push(again);
    const read = await call(again, 'GET', `/api/v1/cases/${JSON.parse(res.body).id}`, await again.userAuth('admin'));
    expect(read.status).to.equal(200);
  });
});
