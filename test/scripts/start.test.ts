import { expect } from 'chai';
import fs from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { startService, type ServiceProcess } from '../platform/service-process.js';

/**
 * `npm start` as a fresh machine runs it (issue 15): it compiles server/ to dist/ when dist/ is
 * stale, then serves the compiled JavaScript, pages and all, without the TypeScript loader.
 */
describe('npm start runs the compiled service', function () {
  this.timeout(300_000);
  let service: ServiceProcess;

  before(async () => {
    const uri = `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/${mongoose.connection.name}_start`;
    service = await startService({ MONGODB_URI: uri }, ['scripts/start.mjs']);
  });

  after(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGTERM');
    await service?.exited;
    await mongoose.connection.useDb(`${mongoose.connection.name}_start`).dropDatabase();
  });

  it('when started, then it answers from dist/ with its pages and no TypeScript loader in the process', async () => {
    expect((await fetch(`${service.url}/ready`)).status).to.equal(200);
    const signIn = await fetch(`${service.url}/sign-in`);
    expect(signIn.status).to.equal(200);
    expect(await signIn.text()).to.contain('<form');
    const built = await fs.stat(path.join('dist', 'server', 'index.js'));
    expect(built.isFile()).to.equal(true);
    // The process is plain node on the start script: no --import of a TypeScript loader.
    const command = (await fs.readFile(`/proc/${service.child.pid}/cmdline`, 'utf8')).split('\0');
    expect(command.slice(1).filter(Boolean)).to.deep.equal(['scripts/start.mjs']);
  });

  it('when started, then the service runs with the lean memory settings (on glibc, in a child)', async () => {
    const children = await fs.readFile(`/proc/${service.child.pid}/task/${service.child.pid}/children`, 'utf8');
    const [pid, ...others] = children.split(' ').filter(Boolean);
    // Without glibc (musl) the tunables mean nothing, and the service runs in the launcher's own process.
    const report = process.report.getReport() as { header: { glibcVersionRuntime?: string } };
    if (!report.header.glibcVersionRuntime) return void expect(pid).to.equal(undefined);
    expect(others).to.deep.equal([]);
    const command = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    expect(command).to.include('--max-semi-space-size=2');
    expect(command.at(-2)).to.match(/dist\/server\/index\.js$/);
    const environment = (await fs.readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
    // glibc 2.36 rewrites the variable in place as it reads it, keeping only its first tunable in view.
    const tunables = environment.find((e) => e.startsWith('GLIBC_TUNABLES='));
    expect(tunables).to.match(/^GLIBC_TUNABLES=glibc\.malloc\.mmap_threshold=131072\b/);
  });

  it('when sent SIGTERM, then it exits 0', async () => {
    service.child.kill('SIGTERM');
    expect(await service.exited).to.equal(0);
  });
});
