import { expect } from 'chai';
import mongoose from 'mongoose';
import { isFerretDb, planStages, type Plan } from '../support/plan-stages.js';
import { makeUsers, type TestUser } from '../support/app.js';
import { SessionModel } from '../../server/attendance/attendance.model.js';
import { attendanceApp, noShow, openKneeCase } from './support.js';

interface SentQuery {
  filter: Record<string, unknown>;
  sort: Record<string, number>;
}

/**
 * The attendance record's reads, as the service sends them (recorded through mongoose's debug hook
 * while a request is served) and as the server plans them: each fits a declared index (equality on
 * its first key, then the sort on the next), so MongoDB walks it with no sort in memory. FerretDB
 * v1 (the local default) pushes none of them down to SQLite; there the test checks the shape only.
 */
describe('the attendance record’s query plans', () => {
  const { http } = attendanceApp();
  let users: Record<'clinician' | 'billing', TestUser>;
  let knee: { id: string };
  let ferret: boolean;

  before(async () => {
    users = await makeUsers();
    ferret = await isFerretDb();
    knee = await openKneeCase(http, users.billing, users.clinician);
    for (const date of ['2026-11-02', '2026-11-05'])
      await http.post(`/api/v1/cases/${knee.id}/attendance`).set(users.clinician.auth).send(noShow(date)).expect(201);
  });
  afterEach(() => mongoose.set('debug', false));

  /** The session reads `act` sends. */
  async function recorded(act: () => Promise<unknown>): Promise<SentQuery[]> {
    const sent: SentQuery[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown, options: unknown) => {
      if (collection === 'attendance_sessions' && method === 'find')
        sent.push({
          filter: (filter ?? {}) as Record<string, unknown>,
          sort: ((options ?? {}) as { sort?: Record<string, number> }).sort ?? {},
        });
    });
    await act();
    mongoose.set('debug', false);
    return sent;
  }

  /** The declared index whose keys are the filter's fields, then the sort's, in order. */
  const declaredIndexFor = (q: SentQuery) =>
    SessionModel.schema
      .indexes()
      .map(([keys]) => Object.keys(keys))
      .find((keys) => keys.join(',') === [...Object.keys(q.filter), ...Object.keys(q.sort)].join(','))
      ?.join(',');

  async function expectWalksItsIndex(q: SentQuery, index: string) {
    const plan = (await mongoose.connection
      .db!.collection('attendance_sessions')
      .find(q.filter, { sort: q.sort as Record<string, 1 | -1> })
      .explain('queryPlanner')) as Plan;
    if (ferret) {
      expect(plan).to.have.property('filterPushdown');
      return;
    }
    const all = planStages((plan.queryPlanner as Plan).winningPlan as Plan);
    const names = all.map((s) => s.stage);
    expect(names, JSON.stringify(names)).to.not.include.members(['COLLSCAN', 'SORT']);
    const walked = all.filter((s) => s.stage === 'IXSCAN').map((s) => Object.keys(s.keyPattern as object).join(','));
    expect(walked).to.include(index);
  }

  it('when a clinician opens a case’s attendance, then its sessions are read by case in an index’s order', async () => {
    const [read, ...others] = await recorded(async () => {
      const res = await http.get(`/api/v1/cases/${knee.id}/attendance`).set(users.clinician.auth);
      expect(res.status).to.equal(200);
      expect(res.body.sessions).to.have.length(2);
    });
    expect(others).to.have.length(0);
    expect(Object.keys(read.filter)).to.deep.equal(['caseId']);
    const index = declaredIndexFor(read);
    expect(index).to.equal('caseId,date,time,_id');
    await expectWalksItsIndex(read, index!);
  });

  it('when she opens the patient’s record across cases, then it is read by patient key in index order', async () => {
    const [read, ...others] = await recorded(async () => {
      const res = await http.get(`/api/v1/cases/${knee.id}/attendance?across=patient`).set(users.clinician.auth);
      expect(res.status).to.equal(200);
      expect(res.body.sessions).to.have.length(2);
    });
    expect(others).to.have.length(0);
    expect(Object.keys(read.filter)).to.deep.equal(['patientKey']);
    const index = declaredIndexFor(read);
    expect(index).to.equal('patientKey,date,time,_id');
    await expectWalksItsIndex(read, index!);
  });
});
