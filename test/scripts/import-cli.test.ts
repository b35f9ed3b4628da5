import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { ImportModel } from '../../server/imports/import.model.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { fixture } from '../remittances/support.js';

const run = promisify(execFile);

/** The import CLI as an operator runs it, against this run's database. */
describe('npm run import', function () {
  // Each run starts tsx and opens the database: seconds on a shared two-core machine.
  this.timeout(120_000);
  const uploadDir = path.join(loadTestConfig().uploadDir, 'cli');
  const env = () => ({
    ...process.env,
    MONGODB_URI: `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/${mongoose.connection.name}`,
    UPLOAD_DIR: uploadDir,
  });
  const importCli = (...args: string[]) =>
    run('npx', ['tsx', 'scripts/import.ts', ...args], { env: env() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const CSV = fixture('three-payers-denials.csv');
  const stored = () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true }) : []);

  it('when run with --dry-run, then it prints what would be made and stores no import, file or case', async () => {
    const { code, stdout } = await importCli(CSV, '--dry-run');
    expect(code).to.equal(0);
    const report = JSON.parse(stdout);
    expect(report).to.include({ dryRun: true, format: 'csv' });
    expect(report.counts).to.include({ claimsRead: 5, denialsFound: 3, casesCreated: 3, casesMatched: 0 });
    expect(report.skipped).to.deep.equal([{ position: 7, element: 'charge', reason: 'charge is not an amount' }]);
    expect(report.outcomes.map((o: { position: number; outcome: string }) => [o.position, o.outcome])).to.deep.equal([
      [2, 'case_created'],
      [4, 'case_created'],
      [6, 'case_created'],
    ]);
    expect(report.outcomes[1]).to.include({ deniedCents: 184050, recommendedRoute: 'appeal' });
    expect([await ImportModel.countDocuments(), await CaseModel.countDocuments(), stored()]).to.deep.equal([0, 0, []]);
  });

  it('when run on a file, then it imports it as the system actor and prints the import as JSON', async () => {
    const { code, stdout } = await importCli(CSV);
    expect(code).to.equal(0);
    const done = JSON.parse(stdout);
    expect(done).to.include({ status: 'done', format: 'csv', repeated: false, createdById: 'system' });
    expect(done.counts).to.include({ claimsRead: 5, casesCreated: 3 });
    const cases = await CaseModel.find({ 'claim.importId': done.id }).lean();
    expect(cases.map((c) => c.claim!.payerClaimControlNumber).sort()).to.deep.equal([
      'BSM-77-40211',
      'CV-9104',
      'NWH2611040318',
    ]);
    const audited = await AuditEventModel.find({ actorId: 'system', entityId: done.id }).lean();
    expect(audited.map((e) => e.action)).to.include.members(['import.create', 'import.read']);
    expect(await AuditEventModel.countDocuments({ actorId: 'system', action: 'case.import' })).to.equal(3);
  });

  it('when the same file is run again, then it answers the first import and a dry run finds its cases', async () => {
    const again = await importCli(CSV);
    expect(JSON.parse(again.stdout)).to.include({ repeated: true, status: 'done' });
    const dry = JSON.parse((await importCli(CSV, '--dry-run')).stdout);
    expect(dry.counts).to.include({ casesCreated: 0, casesMatched: 3 });
    expect(dry.importedAs).to.match(/^[0-9a-f]{24}$/);
    expect(dry.outcomes.every((o: { reference?: string }) => /^[A-Z]+-/.test(o.reference ?? ''))).to.equal(true);
    expect(await CaseModel.countDocuments()).to.equal(3);
  });

  it('when a later file pays a denied claim, then a dry run reports the payment it would record', async () => {
    const dry = JSON.parse((await importCli(fixture('bluestem-pays-after-appeal.csv'), '--dry-run')).stdout);
    expect(dry.counts).to.include({ paymentsMatched: 1, casesCreated: 0 });
    expect(dry.outcomes).to.have.length(1);
    expect(dry.outcomes[0]).to.include({ outcome: 'payment_recorded', recoveredCents: 147240 });
  });

  it('when the file is a truncated 835, then it prints a problem naming the segment and exits 1', async () => {
    const { code, stdout } = await importCli(fixture('truncated.835'), '--dry-run');
    expect(code).to.equal(1);
    const problem = JSON.parse(stdout);
    expect(problem).to.include({ status: 422, code: 'REMITTANCE_ENVELOPE_INVALID' });
    expect(problem.segment).to.be.a('number').above(1);
  });

  it('when no file is given, then it says so on stderr and exits 2', async () => {
    const { code, stderr } = await importCli('--dry-run');
    expect(code).to.equal(2);
    expect(stderr).to.contain('give one file to import');
  });
});
