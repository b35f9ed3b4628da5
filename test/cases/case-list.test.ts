import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUsers, makeUser, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { exportCases } from '../../server/cases/index.js';
import { userNames } from '../../server/auth/index.js';
import { label } from '../../server/web/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { deadlineWorklist } from '../../server/cases/case-worklist.js';
import type { AppError } from '../../server/platform/errors.js';

const exportWords = { label, userNames };

/**
 * The list, the export and the worklist over a small clinic of its own: this file's database
 * (test/support/root-hooks.ts) starts empty, so totals are exact.
 */
describe('finding cases: list, search, export, worklist', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let billing: TestUser;
  let clinician: TestUser;
  const ids: Record<string, string> = {};

  const base = caseBody();
  const variants: Record<string, Record<string, unknown>> = {
    // ERISA, received 2026-11-06: due 2027-05-05
    erisa: {},
    // Medicaid plan appeal, notice 2026-10-01: due 60 days later, 2026-11-30 (within 7 days)
    medicaid: {
      patient: { ...base.patient, firstName: 'Aisha', lastName: 'Rahman', mrn: 'MRN-330981' },
      payer: { ...base.payer, name: 'CareSource Medicaid', planType: 'medicaid_managed_care' },
      denial: {
        ...base.denial,
        noticeDate: '2026-10-01',
        receivedDate: undefined,
        reasonCodes: [{ kind: 'CARC', code: '197' }],
        category: 'prior_authorization',
      },
      service: { ...base.service, claimNumber: 'CLM-55501', billedAmount: 48200 },
    },
    // Medicare A/B notice 2026-07-01: 2026-07-06 + 120 = 2026-11-03, overdue
    medicare: {
      patient: { ...base.patient, firstName: 'James', lastName: 'Whitfield', mrn: 'MRN-118203' },
      payer: { ...base.payer, name: 'Noridian JE Part B', planType: 'medicare_ab' },
      denial: {
        ...base.denial,
        noticeDate: '2026-07-01',
        receivedDate: undefined,
        reasonCodes: [
          { kind: 'CARC', code: '50' },
          { kind: 'RARC', code: 'N115' },
        ],
      },
      service: { ...base.service, claimNumber: 'CLM-99120', billedAmount: 310 },
    },
  };

  before(async () => {
    ({ billing, clinician } = await makeUsers());
    for (const [key, overrides] of Object.entries(variants)) {
      const res = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(caseBody({ ...overrides, assigneeId: key === 'medicaid' ? clinician.id : billing.id }));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids[key] = res.body.id;
    }
  });

  const refs = (res: { body: { cases: { id: string }[] } }) =>
    res.body.cases.map((c) => Object.entries(ids).find(([, id]) => id === c.id)?.[0]);

  it('when sorted by next due date, then the overdue Medicare case comes first and the ERISA case last', async () => {
    const res = await http.get('/api/v1/cases?sort=nextDueDate').set(billing.auth);
    expect(res.body.total).to.equal(3);
    expect(refs(res)).to.deep.equal(['medicare', 'medicaid', 'erisa']);
  });

  it('when filtered to overdue, then only the case past its deadline is listed', async () => {
    const res = await http.get('/api/v1/cases?overdue=true').set(billing.auth);
    expect(refs(res)).to.deep.equal(['medicare']);
  });

  it(
    'when filtered to due within 7 days, then the overdue Medicare case and the Medicaid appeal ' +
      'due 2026-11-30 are listed, and the ERISA case due later is not',
    async () => {
      const res = await http.get('/api/v1/cases?dueWithinDays=7&sort=nextDueDate').set(billing.auth);
      expect(refs(res)).to.deep.equal(['medicare', 'medicaid']);
    },
  );

  it(
    'when filtered by plan type, payer prefix, category, CARC code and assignee, ' +
      'then each narrows as a user expects',
    async () => {
      expect(refs(await http.get('/api/v1/cases?planType=medicare_ab').set(billing.auth))).to.deep.equal(['medicare']);
      expect(refs(await http.get('/api/v1/cases?payer=caresource').set(billing.auth))).to.deep.equal(['medicaid']);
      expect(refs(await http.get('/api/v1/cases?category=prior_authorization').set(billing.auth))).to.deep.equal([
        'medicaid',
      ]);
      expect(refs(await http.get('/api/v1/cases?carc=50&sort=-amountAtStake').set(billing.auth))).to.deep.equal([
        'erisa',
        'medicare',
      ]);
      expect(refs(await http.get(`/api/v1/cases?assignee=${clinician.id}`).set(billing.auth))).to.deep.equal([
        'medicaid',
      ]);
      expect(refs(await http.get('/api/v1/cases?assignee=me').set(billing.auth)).sort()).to.deep.equal([
        'erisa',
        'medicare',
      ]);
      expect(refs(await http.get('/api/v1/cases?status=new&status=closed').set(billing.auth))).to.have.length(3);
    },
  );

  it('when searching by the start of a patient name or a claim number, then the case is found', async () => {
    const search = (q: string, extra: Record<string, unknown> = {}) =>
      http
        .post('/api/v1/cases/search')
        .set(billing.auth)
        .send({ q, ...extra });
    expect(refs(await search('whit'))).to.deep.equal(['medicare']);
    expect(refs(await search('Aisha Rah'))).to.deep.equal(['medicaid']);
    expect(refs(await search('CLM-9912'))).to.deep.equal(['medicare']);
    expect(refs(await search('.*'))).to.deep.equal([]);
    expect(refs(await search('aisha', { planType: 'medicare_ab' }))).to.deep.equal([]);
  });

  it(
    'when search text is put in a URL, then it is refused and told to go in the ' +
      'body, because it is usually a patient name',
    async () => {
      for (const url of ['/api/v1/cases?q=whitfield', '/api/v1/cases/export.csv?q=whitfield']) {
        const res = await http.get(url).set(billing.auth);
        expect(res.status, url).to.equal(400);
        expect(res.body.errors[0]).to.deep.include({ field: 'query.q' });
        expect(res.body.errors[0].message).to.contain('POST /api/v1/cases/search');
      }
    },
  );

  it('when paging two at a time, then the pages together hold every case once', async () => {
    const p1 = await http.get('/api/v1/cases?limit=2&page=1').set(billing.auth);
    const p2 = await http.get('/api/v1/cases?limit=2&page=2').set(billing.auth);
    expect(p1.body.cases).to.have.length(2);
    expect(p2.body.cases).to.have.length(1);
    expect(new Set([...refs(p1), ...refs(p2)]).size).to.equal(3);
  });

  it('when a clinician lists cases, then only the cases assigned to or treated by them appear', async () => {
    expect(refs(await http.get('/api/v1/cases').set(clinician.auth))).to.deep.equal(['medicaid']);
    const stranger = await makeUser('clinician');
    expect((await http.get('/api/v1/cases').set(stranger.auth)).body.total).to.equal(0);
  });

  it('when a query smuggles an operator or an unknown filter, then 400 names it', async () => {
    const res = await http.get('/api/v1/cases?status[$ne]=closed&colour=red').set(billing.auth);
    expect(res.status).to.equal(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).to.include.members(['query.status.$ne', 'query.colour']);
  });

  it(
    'when billing staff export, then the CSV has a header and one row per case, ' +
      'a dated file name and no formula cells',
    async () => {
      await CaseModel.updateOne({ _id: ids.erisa }, { $set: { 'service.claimNumber': '=HYPERLINK("http://x")' } });
      const res = await http.get('/api/v1/cases/export.csv?sort=nextDueDate').set(billing.auth);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/text\/csv/);
      expect(res.headers['content-disposition']).to.match(/^attachment; filename="?overturn-cases-2026-11-23\.csv"?$/);
      const lines = res.text.trim().split('\n');
      expect(lines).to.have.length(4);
      expect(lines[0]).to.match(/^reference,status,appeal_level/);
      expect(lines[1]).to.contain('"Whitfield, James"').and.contain('CLM-99120').and.contain('50 N115');
      expect(res.text).to.contain(`"'=HYPERLINK(""http://x"")"`);
    },
  );

  it(
    'when more cases match than an export holds, then it is refused with how ' + 'many matched, never cut short',
    async () => {
      const refused = await exportCases({}, billing, { clock, exportWords }, 2).then(
        () => null,
        (err: AppError) => err,
      );
      expect(refused).to.include({ status: 422, code: 'EXPORT_TOO_LARGE' });
      expect(refused!.message).to.match(/^3 cases match; an export holds at most 2\./);
      const { csv } = await exportCases({}, billing, { clock, exportWords }, 3);
      expect(csv.trim().split('\n')).to.have.length(4);
    },
  );

  it('when a clinician asks for the export, then 403', async () => {
    expect((await http.get('/api/v1/cases/export.csv').set(clinician.auth)).status).to.equal(403);
  });

  it(
    'when the worklist asks for 14 days, then the overdue and the soon-due deadlines ' +
      'come soonest first, each with its basis',
    async () => {
      const res = await http.get('/api/v1/worklist/deadlines?withinDays=14').set(billing.auth);
      expect(res.status).to.equal(200);
      const items = res.body.deadlines;
      expect(items.map((d: { caseId: string }) => d.caseId)).to.deep.equal([ids.medicare, ids.medicaid]);
      expect(items[0]).to.include({ kind: 'filing', dueDate: '2026-11-03', overdue: true, daysLeft: -20 });
      expect(items[1]).to.include({ dueDate: '2026-11-30', overdue: false, daysLeft: 7 });
      expect(items[1].basis).to.contain('60 days');
      expect([res.body.cases, res.body.casesShown]).to.deep.equal([2, 2]);
      const mine = await http.get('/api/v1/worklist/deadlines?withinDays=14&assignee=me').set(billing.auth);
      expect(mine.body.deadlines.map((d: { caseId: string }) => d.caseId)).to.deep.equal([ids.medicare]);
      // Past the limit, the soonest-due cases are kept and the count of all of them says there are more.
      const capped = await deadlineWorklist({ withinDays: 14 }, billing, clock, 1);
      expect(capped.deadlines.map((d) => d.caseId)).to.deep.equal([ids.medicare]);
      expect([capped.cases, capped.casesShown]).to.deep.equal([2, 1]);
    },
  );

  it('keeps the indexes the worklist and the board filter on', async () => {
    const indexes = await mongoose.connection.db!.collection('cases').indexes();
    expect(indexes.map((i) => Object.keys(i.key).join(','))).to.include.members([
      'statusGroup,dueOrder,_id,worklistDue',
      'assigneeId,statusGroup,dueOrder,_id,worklistDue',
      'nextDueDate,status',
    ]);
  });

  it(
    'when a case has nothing due any more, then the soonest-first list ends with ' + 'it rather than starting with it',
    async () => {
      const c = (await http.post('/api/v1/cases').set(billing.auth).send(caseBody())).body;
      await http
        .post(`/api/v1/cases/${c.id}/transitions`)
        .set(billing.auth)
        .send({ to: 'withdrawn', version: c.version })
        .expect(200);
      const res = await http.get('/api/v1/cases?sort=nextDueDate').set(billing.auth);
      expect(res.body.cases.at(-1).id).to.equal(c.id);
      expect(res.body.cases[0].id).to.equal(ids.medicare);
    },
  );

  it('when billing asks for open cases, then a case leaves them once withdrawn, staying in the full list', async () => {
    const c = (await http.post('/api/v1/cases').set(billing.auth).send(caseBody())).body;
    const listed = async (query: string) =>
      (await http.get(`/api/v1/cases?limit=100${query}`).set(billing.auth)).body.cases.map((x: { id: string }) => x.id);
    expect(await listed('&open=true')).to.include(c.id);
    await http
      .post(`/api/v1/cases/${c.id}/transitions`)
      .set(billing.auth)
      .send({ to: 'withdrawn', version: c.version })
      .expect(200);
    expect(await listed('&open=true')).to.not.include(c.id);
    expect(await listed('')).to.include(c.id);
  });

  it(
    'when a Medicaid plan cuts an authorized service, then the worklist shows the continuation date due within ' +
      'its days though the appeal itself is due later',
    async () => {
      const c = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(
          caseBody({
            payer: { ...base.payer, name: 'CareSource Medicaid', planType: 'medicaid_managed_care' },
            denial: {
              ...base.denial,
              noticeDate: '2026-11-20',
              receivedDate: '2026-11-21',
              action: 'authorized_service_reduced',
            },
          }),
        )
        .expect(201);
      const continuation = c.body.deadlines.find((d: { kind: string }) => d.kind === 'continuation_of_benefits');
      const filing = c.body.deadlines.find((d: { kind: string }) => d.kind === 'filing');
      expect(continuation.dueDate <= '2026-12-07' && filing.dueDate > '2026-12-07').to.equal(true);
      const res = await http.get('/api/v1/worklist/deadlines?withinDays=14').set(billing.auth);
      const mine = res.body.deadlines.filter((d: { caseId: string }) => d.caseId === c.body.id);
      expect(mine.map((d: { kind: string; dueDate: string }) => [d.kind, d.dueDate])).to.deep.equal([
        ['continuation_of_benefits', continuation.dueDate],
      ]);
    },
  );
});
