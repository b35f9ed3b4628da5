import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { createUser } from '../../server/auth/index.js';

let counter = 0;

/** A physician who takes P2P calls, in their own zone. */
export async function makePhysician(
  timeZone: string,
  role: 'medical_director' | 'clinician' = 'medical_director',
): Promise<TestUser> {
  const n = ++counter;
  const { user, token } = await createUser({
    name: `Dr. Physician ${n}`,
    role,
    timeZone,
    email: `physician${n}.${Date.now()}@clinic.test`,
  });
  return { ...user, token, auth: { Authorization: `Bearer ${token}` } };
}

/**
 * The app at Monday 2026-11-23 14:00 UTC, the four roles, a physician in Chicago with
 * 09:00–12:00 on weekdays, and a payer whose P2P window is 7 business days from the notice.
 */
export async function p2pWorld(now = new Date('2026-11-23T14:00:00Z')) {
  const app = testApp(now);
  const users = await makeUsers();
  const physician = await makePhysician('America/Chicago');
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
  const avail = await app.http
    .put(`/api/v1/physicians/${physician.id}/availability`)
    .set(physician.auth)
    .send({ version: 0, weekly: weekdays });
  expect(avail.status, JSON.stringify(avail.body)).to.equal(200);
  const payer = await app.http
    .post('/api/v1/payers')
    .set(users.billing.auth)
    .send({
      name: `P2P Payer ${++counter} ${Date.now()}`,
      p2pWindow: {
        days: 7,
        unit: 'business',
        countFrom: 'notice',
        label: 'Provider manual 4.2: P2P within 7 business days of the determination',
      },
    });
  expect(payer.status, JSON.stringify(payer.body)).to.equal(201);

  /** Opens a case with the payer, denied on `noticeDate`, and returns its id. */
  const openCase = async (overrides: Record<string, unknown> = {}, noticeDate = '2026-11-19') => {
    const base = caseBody();
    const res = await app.http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, name: payer.body.name, profileId: payer.body._id },
          denial: { ...base.denial, noticeDate, receivedDate: noticeDate },
          ...overrides,
        }),
      );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };

  /** Requests a P2P on a new case with our physician. */
  const requestP2P = async (body: Record<string, unknown> = {}, caseId?: string) => {
    const id = caseId ?? (await openCase());
    const res = await app.http
      .post(`/api/v1/cases/${id}/p2p`)
      .set(users.billing.auth)
      .send({ physicianId: physician.id, payerReference: 'PR-88120', ...body });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body;
  };

  return { ...app, users, physician, payer: payer.body, openCase, requestP2P };
}
