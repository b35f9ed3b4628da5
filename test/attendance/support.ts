import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadTestConfig, type Config } from '../../server/config.js';
import { FixedClock } from '../../server/platform/clock.js';
import { caseBody } from '../support/factories.js';
import { silentLogger, type TestUser } from '../support/app.js';

/** The test clock's day in the clinic (2026-11-23, a Monday). */
export const TODAY = '2026-11-23';

/** The app on the test clock, with the given notification settings (a webhook, for the rule's tests). */
export function attendanceApp(notify: Partial<Config['notify']> = {}) {
  const base = loadTestConfig();
  const config = loadTestConfig({ notify: { ...base.notify, ...notify } });
  const clock = new FixedClock(new Date(`${TODAY}T14:00:00Z`), config.clinic.timeZone);
  const { app } = createApp({ config, logger: silentLogger, clock });
  return { http: supertest(app), config };
}

type Http = ReturnType<typeof attendanceApp>['http'];

/**
 * Opens the knee case: a Medicare Advantage member eight weeks after a total knee replacement,
 * denied eight more therapy visits; treated by `clinician` (her account), so she sees it.
 */
export async function openKneeCase(
  http: Http,
  opener: Pick<TestUser, 'auth'>,
  clinician: Pick<TestUser, 'id' | 'name'>,
  patient: Record<string, unknown> = {},
): Promise<{ id: string; reference: string }> {
  const res = await http
    .post('/api/v1/cases')
    .set(opener.auth)
    .send(
      caseBody({
        patient: {
          firstName: 'Dorothy',
          lastName: 'Kowalski',
          dateOfBirth: '1957-05-14',
          sex: 'female',
          mrn: 'MRN-733190',
          ...patient,
        },
        payer: { name: 'Humana Gold Plus', planType: 'medicare_advantage', memberId: 'H4410-55120' },
        service: {
          cptCodes: ['97110', '97116', '97530'],
          icd10Codes: ['Z96.651', 'M25.661'],
          description: 'Physical therapy, 8 additional visits after right total knee replacement',
          requestType: 'pre_service',
          units: 8,
        },
        denial: {
          noticeDate: '2026-11-16',
          reasonCodes: [],
          category: 'medical_necessity',
          payerReason:
            'The member missed 4 of 12 authorized visits and has reached a plateau; ' +
            'a home exercise program is appropriate.',
        },
        treatingClinician: { name: clinician.name, userId: clinician.id, npi: '1234567893' },
      }),
    );
  if (res.status !== 201) throw new Error(`case not opened: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, reference: res.body.reference };
}

/** A missed session as a clinician types it. */
export const noShow = (date: string, extra: Record<string, unknown> = {}) => ({
  date,
  outcome: 'no_show',
  reason: 'The bus takes two hours each way and I could not make the connection.',
  barrier: 'transport',
  alternativesOffered: ['transport_benefit', 'telehealth'],
  alternativesAccepted: ['telehealth'],
  patientChoice: 'Declined home health; will try telehealth on Thursdays.',
  ...extra,
});
