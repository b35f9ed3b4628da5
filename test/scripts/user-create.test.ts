import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { testApp } from '../support/app.js';

const run = promisify(execFile);

/** The CLI as an operator runs it, against this run's database. */
describe('npm run user:create', () => {
  const env = () => ({
    ...process.env,
    MONGODB_URI: `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/${mongoose.connection.name}`,
  });

  it('when given a name and a role, then it prints JSON with an id and a token that works', async () => {
    const { stdout } = await run('npx', ['tsx', 'scripts/user-create.ts', '--name', 'Dana Cruz', '--role', 'billing'], {
      env: env(),
    });
    const created = JSON.parse(stdout);
    expect(created).to.include({ name: 'Dana Cruz', role: 'billing' });
    expect(created.id).to.match(/^[0-9a-f]{24}$/);
    const res = await supertest(testApp().app).get('/api/v1/cases').set('Authorization', `Bearer ${created.token}`);
    expect(res.status).to.equal(200);
  });

  it('when the role is unknown, then it says which roles exist and exits non-zero', async () => {
    const err = await run('npx', ['tsx', 'scripts/user-create.ts', '--name', 'X', '--role', 'nurse'], {
      env: env(),
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).to.equal(2);
    expect(err?.stderr).to.contain('clinician, billing, medical_director, admin');
  });
});
