import { expect } from 'chai';
import { testApp, makeUsers } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** "Today", "overdue" and "in the future" are dates on the clinic's calendar (CLINIC_TIME_ZONE, New York in tests). */
describe('the clinic’s calendar decides what today is', () => {
  // 21:30 on Monday 2026-11-23 in New York is already 02:30 on the 24th in UTC.
  const evening = testApp(new Date('2026-11-24T02:30:00Z'));
  const nextMorning = testApp(new Date('2026-11-24T14:00:00Z'));
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const withNotice = (noticeDate: string) => {
    const body = caseBody();
    return { ...body, denial: { ...body.denial, noticeDate, receivedDate: undefined } };
  };

  it(
    'when billing staff enter a notice dated the 24th at 21:30 on the 23rd in ' +
      'New York, then it is refused as in the future; one dated the 23rd is taken',
    async () => {
      const tomorrow = await evening.http.post('/api/v1/cases').set(users.billing.auth).send(withNotice('2026-11-24'));
      expect(tomorrow.status).to.equal(400);
      expect(tomorrow.body.errors).to.deep.include({
        field: 'body.denial.noticeDate',
        message: 'the notice date is in the future',
      });
      const today = await evening.http.post('/api/v1/cases').set(users.billing.auth).send(withNotice('2026-11-23'));
      expect(today.status, JSON.stringify(today.body)).to.equal(201);
    },
  );

  it(
    'when a filing deadline is the 23rd, then at 21:30 that evening it is due ' +
      'today and not overdue; the next morning it is overdue',
    async () => {
      const opened = await evening.http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
      const moved = await evening.http
        .post(`/api/v1/cases/${opened.body.id}/deadline-overrides`)
        .set(users.billing.auth)
        .send({
          version: opened.body.version,
          kind: 'filing',
          dueDate: '2026-11-23',
          reason: 'Date printed on the payer notice',
        });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);

      const mine = async (app: ReturnType<typeof testApp>) => {
        const res = await app.http.get('/api/v1/worklist/deadlines?withinDays=7').set(users.billing.auth);
        const overdueList = await app.http
          .post('/api/v1/cases/search')
          .set(users.billing.auth)
          .send({ q: opened.body.reference, overdue: true });
        return {
          item: res.body.deadlines.find(
            (d: { caseId: string; kind: string }) => d.caseId === opened.body.id && d.kind === 'filing',
          ),
          listedOverdue: overdueList.body.cases.some((c: { id: string }) => c.id === opened.body.id),
        };
      };
      const thatEvening = await mine(evening);
      expect(thatEvening.item).to.include({ dueDate: '2026-11-23', overdue: false, daysLeft: 0 });
      expect(thatEvening.listedOverdue).to.equal(false);
      const morning = await mine(nextMorning);
      expect(morning.item).to.include({ dueDate: '2026-11-23', overdue: true, daysLeft: -1 });
      expect(morning.listedOverdue).to.equal(true);
    },
  );
});
