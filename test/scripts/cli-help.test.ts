import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** With --help, each CLI says how to call it and exits 0, without touching a database. */
describe('the CLIs answer --help', () => {
  const env = { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/never-opened' };
  for (const [script, says] of [
    ['scripts/user-create.ts', '--role        clinician, billing, medical_director, admin'],
    ['scripts/seed.ts', 'Fills an empty database with the demo clinic'],
    ['scripts/migrate.ts', "Brings the database's records"],
    ['scripts/backup.ts', 'npm run backup -- <dir>'],
    ['scripts/restore.ts', 'npm run restore -- <dir>'],
    ['scripts/import.ts', 'npm run --silent import -- <file> [--dry-run]'],
  ] as const) {
    it(`when ${script} is run with --help, then it prints its usage and exits 0`, async () => {
      const { stdout } = await run('npx', ['tsx', script, '--help'], { env });
      expect(stdout).to.contain(says).and.contain('--help');
    });
  }
});
