import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run deadline` does (tsx), without a shell. */
function runCli(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/deadline.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('deadlines: the deadline CLI', function () {
  // Each run starts a Node process with the tsx loader.
  this.timeout(30_000);

  it(
    'when asked for the Medicare redetermination of a 2020-05-15 notice, then ' +
      'it prints one JSON object with filingDeadline 2020-09-17',
    async () => {
      const result = await runCli([
        '--plan',
        'medicare_ab',
        '--level',
        'redetermination',
        '--notice-date',
        '2020-05-15',
      ]);
      expect(result.code).to.equal(0);
      expect(result.stderr).to.equal('');
      const output = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(output).to.include({
        plan: 'medicare_ab',
        level: 'redetermination',
        expedited: false,
        filingDeadline: '2020-09-17',
        countedFrom: 'presumed_receipt',
        citation: '42 CFR 405.942',
      });
      expect(output.basis).to.contain('notice 2020-05-15 + 5 days = 2020-05-20');
      expect(output.decisionTimeframe).to.contain('60 days');
    },
  );

  it(
    'when a received date and --expedited are given, then the deadline counts ' + 'from receipt and expedited is true',
    async () => {
      const result = await runCli([
        '--plan',
        'medicare_ab',
        '--level',
        'redetermination',
        '--notice-date',
        '2020-05-15',
        '--received-date',
        '2020-05-22',
        '--expedited',
      ]);
      expect(result.code).to.equal(0);
      const output = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(output).to.include({ filingDeadline: '2020-09-21', expedited: true, countedFrom: 'receipt' });
    },
  );

  it('when the date is impossible (2026-02-30), then it prints one error line to stderr and exits 2', async () => {
    const result = await runCli(['--plan', 'medicare_ab', '--level', 'redetermination', '--notice-date', '2026-02-30']);
    expect(result.code).to.equal(2);
    expect(result.stdout).to.equal('');
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.contain('2026-02-30');
  });

  it('when the plan type is unknown, then it exits 2 and names the valid plan types', async () => {
    const result = await runCli(['--plan', 'tricare', '--level', 'redetermination', '--notice-date', '2026-03-02']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('unknown plan type "tricare"');
  });

  it('when the level does not belong to the plan type, then it exits 2', async () => {
    const result = await runCli(['--plan', 'medicare_ab', '--level', 'plan_appeal', '--notice-date', '2026-03-02']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('plan_appeal');
  });

  it('when required arguments are missing or unknown ones given, then it exits 2 with a usage line', async () => {
    const missing = await runCli(['--plan', 'medicare_ab']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('missing --level, --notice-date');
    const unknown = await runCli([
      '--plan',
      'medicare_ab',
      '--level',
      'redetermination',
      '--notice-date',
      '2026-03-02',
      '--bogus',
    ]);
    expect(unknown.code).to.equal(2);
  });
});
