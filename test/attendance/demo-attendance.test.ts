import { expect } from 'chai';
import { loadTestConfig } from '../../server/config.js';
import { seedDemoIfEmpty } from '../../server/demo/index.js';
import { DEMO_KNEE_CASE } from '../../server/demo/demo-cases.js';
import { caseAttendance } from '../../server/attendance/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { UserModel } from '../../server/auth/user.model.js';
import { FixedClock } from '../../server/platform/clock.js';
import { silentLogger } from '../support/app.js';

describe('the demo’s knee case and its attendance record', function () {
  this.timeout(240_000);
  const config = loadTestConfig();
  const clock = new FixedClock(new Date('2026-11-23T14:00:00Z'), config.clinic.timeZone);

  it(
    'when the demo is seeded, then the knee case quotes the payer’s “4 of 12”, and its record shows the 4 missed ' +
      'of 12 in her own words, the transport benefit and telehealth offered, home health declined',
    async () => {
      expect(await seedDemoIfEmpty({ config, logger: silentLogger, clock })).to.equal(true);
      const knee = await CaseModel.findOne({ 'patient.mrn': 'MRN-733190' }).lean();
      expect(knee, DEMO_KNEE_CASE).to.exist;
      expect(knee!.payer.planType).to.equal('medicare_advantage');
      expect(knee!.service.cptCodes).to.deep.equal(['97110', '97116', '97530']);
      expect(knee!.service.description).to.contain('27447');
      expect(knee!.denial.payerReason).to.contain('missed 4 of 12 authorized visits');
      // Sixty-nine at the seed's date.
      expect(knee!.patient.dateOfBirth).to.equal('1957-05-14');

      const admin = await UserModel.findOne({ role: 'admin' }).lean();
      const record = await caseAttendance(
        String(knee!._id),
        'case',
        { id: String(admin!._id), name: admin!.name, role: 'admin' },
        { config },
      );
      expect(record.totals).to.include({ scheduled: 12, held: 8, no_show: 2, late_cancel: 1, refused: 1 });
      expect(record.sessions.every((s) => s.date < '2026-11-18' && s.source === 'imported')).to.equal(true);
      const words = record.sessions.map((s) => s.reason ?? '').join(' ');
      expect(words).to.contain('The bus takes two hours each way');
      const offered = new Set(record.sessions.flatMap((s) => s.alternativesOffered));
      expect([...offered]).to.include.members(['transport_benefit', 'telehealth']);
      expect(record.sessions.map((s) => s.patientChoice ?? '').join(' ')).to.contain('home health declined');
      expect(record.barriers.map((b) => b.barrier)).to.deep.equal(['pain', 'transport']);
      // Mondays and Thursdays, as the clinic books them.
      expect(new Set(record.sessions.map((s) => new Date(`${s.date}T00:00:00Z`).getUTCDay()))).to.deep.equal(
        new Set([1, 4]),
      );
    },
  );
});
