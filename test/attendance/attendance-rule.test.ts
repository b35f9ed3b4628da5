import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { startWebhookServer } from '../notifications/webhook-server.js';
import { NotificationModel } from '../../server/notifications/notification.model.js';
import { attendanceApp, noShow, openKneeCase } from './support.js';

const SECRET = 'attendance-webhook-secret';

describe('the attendance rule: 3 refusals or no-shows within 14 days tell the care team at once', () => {
  let hooks: Awaited<ReturnType<typeof startWebhookServer>>;
  let http: ReturnType<typeof attendanceApp>['http'];
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    hooks = await startWebhookServer(SECRET);
    ({ http } = attendanceApp({ webhookUrl: hooks.url, webhookSecret: SECRET }));
    users = await makeUsers();
  });
  after(() => hooks.close());

  const record = (caseId: string, body: Record<string, unknown>, user = users.clinician) =>
    http.post(`/api/v1/cases/${caseId}/attendance`).set(user.auth).send(body);
  const alertsOf = (caseId: string) => hooks.received.filter((r) => r.key.startsWith(`attendance:${caseId}:`));

  it(
    'when the third refusal or no-show within 14 days is recorded, then the treating clinician, the assignee and ' +
      'whoever recorded them (a director) are told by webhook before the answer, without the patient’s words',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      await http
        .patch(`/api/v1/cases/${knee.id}`)
        .set(users.billing.auth)
        .send({ version: 0, assigneeId: users.billing.id })
        .expect(200);
      expect((await record(knee.id, noShow('2026-11-12'))).body).not.to.have.property('alert');
      expect((await record(knee.id, { date: '2026-11-16', outcome: 'attended' })).body).not.to.have.property('alert');
      expect((await record(knee.id, noShow('2026-11-18'), users.director)).body).not.to.have.property('alert');
      expect(alertsOf(knee.id)).to.have.length(0);

      const third = await record(knee.id, {
        date: '2026-11-20',
        outcome: 'refused',
        reason: 'I am afraid I will fall on the stairs at the clinic.',
        barrier: 'fear',
      });
      expect(third.status, JSON.stringify(third.body)).to.equal(201);
      expect(third.body.alert).to.deep.equal({ refused: 1, noShows: 2, days: 14, sent: true });

      const [alert] = alertsOf(knee.id);
      expect(alert, 'the webhook had the alert when the answer came').to.exist;
      expect(alert.signatureOk).to.equal(true);
      const body = JSON.parse(alert.body);
      expect(body.kind).to.equal('alert');
      expect(body.subject).to.include({ type: 'case', id: knee.id, reference: knee.reference });
      expect(body.message.title).to.equal(`${knee.reference}: 3 refusals or no-shows within 14 days`);
      expect(body.message.text).to.include('1 refused and 2 no-show sessions within 14 days');
      expect(body.message.link).to.match(new RegExp(`/cases/${knee.id}$`));
      expect(body.recipients.map((r: { userId: string }) => r.userId)).to.have.members([
        users.clinician.id,
        users.billing.id,
        users.director.id,
      ]);
      expect(alert.body).not.to.match(/bus|afraid|stairs|Kowalski|Dorothy|MRN/i);
      const stored = await NotificationModel.findOne({ key: body.key }).lean();
      expect(stored?.status).to.equal('delivered');
    },
  );

  it('when a fourth falls in the same 14 days, then nobody is told twice', async () => {
    const knee = await openKneeCase(http, users.billing, users.clinician);
    for (const date of ['2026-11-12', '2026-11-14']) await record(knee.id, noShow(date));
    expect((await record(knee.id, noShow('2026-11-16'))).body.alert.sent).to.equal(true);
    const fourth = await record(knee.id, noShow('2026-11-18'));
    expect(fourth.body.alert).to.deep.include({ noShows: 4, sent: false });
    expect(alertsOf(knee.id)).to.have.length(1);
  });

  it(
    'when three no-shows are spread over more than 14 days, or late cancellations make up the count, ' +
      'then nobody is told',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      for (const date of ['2026-11-02', '2026-11-09', '2026-11-17']) await record(knee.id, noShow(date));
      for (const date of ['2026-11-18', '2026-11-19']) await record(knee.id, noShow(date, { outcome: 'late_cancel' }));
      expect(alertsOf(knee.id)).to.have.length(0);
    },
  );

  it(
    'when an import brings last spring’s run of no-shows, then nobody is told (old news); ' +
      'when it brings this week’s, the care team is told',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const csv = (dates: string[]) =>
        ['date,status,barrier', ...dates.map((d) => `${d},no_show,transport`)].join('\n');
      const upload = (text: string) =>
        http
          .post(`/api/v1/cases/${knee.id}/attendance/import`)
          .set(users.clinician.auth)
          .attach('file', Buffer.from(text), { filename: 'export.csv', contentType: 'text/csv' });
      const spring = await upload(csv(['2026-04-01', '2026-04-03', '2026-04-06']));
      expect(spring.body).to.include({ recorded: 3 });
      expect(spring.body).not.to.have.property('alert');
      const week = await upload(csv(['2026-11-16', '2026-11-18', '2026-11-20']));
      expect(week.body.alert).to.deep.equal({ refused: 0, noShows: 3, days: 14, sent: true });
      expect(alertsOf(knee.id)).to.have.length(1);
    },
  );
});
