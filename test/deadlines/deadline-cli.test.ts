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

  it('when a received date 2020-05-22 is given, then the deadline counts from receipt: 2020-09-21', async () => {
    const result = await runCli([
      '--plan',
      'medicare_ab',
      '--level',
      'redetermination',
      '--notice-date',
      '2020-05-15',
      '--received-date',
      '2020-05-22',
    ]);
    expect(result.code).to.equal(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output).to.include({ filingDeadline: '2020-09-21', expedited: false, countedFrom: 'receipt' });
    expect(output).to.include({ ruleEffectiveFrom: '2005-05-01' });
    expect(output).to.not.have.property('lastBusinessDay');
  });

  it(
    'when --expedited is given for a Medicare Part A/B redetermination, then it exits 2 and stderr names the ' +
      'QIO fast-track appeals that exist instead',
    async () => {
      const result = await runCli([
        '--plan',
        'medicare_ab',
        '--level',
        'redetermination',
        '--notice-date',
        '2026-03-02',
        '--expedited',
      ]);
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.contain('no expedited redetermination');
      expect(result.stderr).to.contain('42 CFR 405.1206');
    },
  );

  it(
    'MA reconsideration, notice 2026-04-30: filingDeadline Saturday 2026-07-04 with lastBusinessDay ' +
      'Thu 2026-07-02, decisionTimeframe and ruleEffectiveFrom 2025-01-01',
    async () => {
      const result = await runCli([
        '--plan',
        'medicare_advantage',
        '--level',
        'reconsideration',
        '--notice-date',
        '2026-04-30',
      ]);
      expect(result.code, result.stderr).to.equal(0);
      const output = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(output).to.include({
        filingDeadline: '2026-07-04',
        lastBusinessDay: 'Thu 2026-07-02',
        ruleEffectiveFrom: '2025-01-01',
        citation: '42 CFR 422.582(b)',
      });
      expect(output.decisionTimeframe).to.contain('pre-service/standard coverage 30 days');
    },
  );

  it('MA ALJ hearing, notice 2026-03-02: decisionTimeframe says there is no regulatory decision deadline', async () => {
    const result = await runCli([
      '--plan',
      'medicare_advantage',
      '--level',
      'alj_hearing',
      '--notice-date',
      '2026-03-02',
    ]);
    expect(result.code, result.stderr).to.equal(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output.decisionTimeframe).to.match(/^no regulatory decision deadline: /);
  });

  it('when --help is given, then it prints the usage and the options and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('usage: deadline --plan');
    expect(result.stdout).to.contain('--received-date');
    expect(result.stdout).to.contain('lastBusinessDay');
  });

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

  describe('who files, what the payer did, and the clocks counted in hours', () => {
    const json = async (args: string[]) => {
      const result = await runCli(args);
      expect(result.code, result.stderr).to.equal(0);
      return JSON.parse(result.stdout);
    };

    it(
      'when a NOMNC reached the patient on Mon 2026-11-30 in New York, then the QIO must have the request by ' +
        'noon Tue 2026-12-01, clinic time (42 CFR 405.1202(b)(1))',
      async () => {
        const out = await json([
          ...['--plan', 'medicare_ab', '--level', 'qio_services_ending', '--notice-date', '2026-11-30'],
          ...['--service-end', '2026-12-02', '--time-zone', 'America/New_York'],
        ]);
        expect(out).to.include({ filingDeadline: '2026-12-01', citation: '42 CFR 405.1202(b)(1)' });
        expect(out.filingDeadlineTime).to.deep.equal({
          time: '12:00',
          timeZone: 'America/New_York',
          at: '2026-12-01T17:00:00.000Z',
          words: 'by noon, clinic time, Tue 2026-12-01',
        });
        expect(out.decisionTimeframe).to.contain('72 hours');
      },
    );

    it('when a fast-track deadline is asked without the clinic’s zone, then it exits 2 asking for it', async () => {
      const result = await runCli([
        ...['--plan', 'medicare_advantage', '--level', 'qio_hospital_discharge', '--notice-date', '2026-11-30'],
        ...['--service-end', '2026-12-02'],
      ]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain('time zone');
    });

    it(
      'when a Medicaid plan reduces an authorized service by a notice of 2026-11-30, then benefits continue if ' +
        'the enrollee files by 2026-12-10; for a new service denied, no continuation date at all',
      async () => {
        const base = ['--plan', 'medicaid_managed_care', '--level', 'plan_appeal', '--notice-date', '2026-11-30'];
        const reduced = await json([...base, '--action', 'authorized_service_reduced']);
        expect(reduced.continuationOfBenefits).to.include({ applies: true, dueDate: '2026-12-10' });
        const denied = await json([...base, '--action', 'new_service_denied']);
        expect(denied.continuationOfBenefits).to.include({ applies: false, dueDate: null });
        expect(denied.filingDeadline).to.equal(reduced.filingDeadline);
      },
    );

    it(
      'when a Medicaid provider files with the enrollee’s consent, then the route names the consent it needs, ' +
        'and continuation is the enrollee’s to ask for',
      async () => {
        const out = await json([
          ...['--plan', 'medicaid_managed_care', '--level', 'plan_appeal', '--notice-date', '2026-11-30'],
          ...['--appellant', 'medicaid_provider_with_consent', '--action', 'authorized_service_terminated'],
        ]);
        expect(out.appellant).to.include({ route: 'member_appeal' });
        expect(out.appellant.requiredDocument).to.include({
          kind: 'enrollee_written_consent',
          citation: '42 CFR 438.402(c)(1)(ii)',
        });
        expect(out.continuationOfBenefits.basis).to.contain('the enrollee must');
      },
    );

    it(
      'when a contracted provider disputes an MA payment, then the member appeal’s window does not apply: ' +
        'without the contract’s window it exits 2; with 90 days from the notice of 2026-11-02, 2027-01-31',
      async () => {
        const base = ['--plan', 'medicare_advantage', '--level', 'reconsideration', '--notice-date', '2026-11-02'];
        const without = await runCli([...base, '--appellant', 'contracted_provider']);
        expect(without.code).to.equal(2);
        const out = await json([...base, '--appellant', 'contracted_provider', '--window-days', '90']);
        expect(out.appellant).to.include({ route: 'provider_dispute' });
        expect(out.filingDeadline).to.equal('2027-01-31');
      },
    );

    it('when the consent route is named outside Medicaid, then it exits 2 naming who may file instead', async () => {
      const result = await runCli([
        ...['--plan', 'erisa_group', '--level', 'internal_appeal', '--notice-date', '2026-11-02'],
        ...['--appellant', 'medicaid_provider_with_consent'],
      ]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain('only in Medicaid managed care').and.contain('Instead: representative');
    });

    it(
      'when an employer plan cuts an approved course ending Fri 2026-12-11 00:00 in Chicago, then an urgent ' +
        'request to extend it must be in by Thu 2026-12-10 00:00 to be decided within 24 hours',
      async () => {
        const out = await json([
          ...['--plan', 'erisa_group', '--level', 'internal_appeal', '--notice-date', '2026-11-30'],
          ...[
            '--action',
            'authorized_service_reduced',
            '--service-end',
            '2026-12-11',
            '--time-zone',
            'America/Chicago',
          ],
        ]);
        expect(out.concurrentCare.requestExtensionBy).to.include({ dueDate: '2026-12-10', dueTime: '00:00' });
        expect(out.concurrentCare.citation).to.contain('2560.503-1(f)(2)(ii)');
      },
    );
  });
});
