import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { testApp, makeUsers, silentLogger } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { makePhysician } from '../p2p/support.js';
import { loadTestConfig, type Config } from '../../server/config.js';
import { FixedClock } from '../../server/platform/clock.js';
import {
  startScheduler,
  runDueReminders,
  webhookChannel,
  emailChannel,
  type Scheduler,
  type NotificationRecord,
} from '../../server/notifications/index.js';
import { NotificationModel } from '../../server/notifications/notification.model.js';
import { startWebhookServer } from './webhook-server.js';

const SECRET = 'test-webhook-secret-0123456789';
const PHI = [
  caseBody().patient.firstName,
  caseBody().patient.lastName,
  caseBody().patient.dateOfBirth,
  caseBody().patient.mrn,
  caseBody().payer.memberId,
];

describe('reminders and escalation', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  const clock = new FixedClock(new Date('2026-11-23T15:00:00Z'), loadTestConfig().clinic.timeZone);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  let hook: Awaited<ReturnType<typeof startWebhookServer>>;
  let config: Readonly<Config>;
  let profileId: string;
  const running: Scheduler[] = [];
  const mine: string[] = [];

  const deps = () => ({ config, logger: silentLogger, clock });
  const start = async (name: string) => {
    const s = await startScheduler(deps(), { processEvery: 50, name });
    running.push(s);
    return s;
  };
  /** A case on a payer whose own appeal window is 10 days from the notice: denied 2026-11-20, due 2026-11-30. */
  const openCase = async () => {
    const base = caseBody();
    const res = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, planType: 'other', profileId },
          denial: { ...base.denial, noticeDate: '2026-11-20', receivedDate: '2026-11-20' },
          assigneeId: users.billing.id,
          treatingClinician: { ...base.treatingClinician, userId: users.clinician.id },
        }),
      );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.deadlines[0].dueDate).to.equal('2026-11-30');
    mine.push(res.body.id);
    return res.body.id as string;
  };
  const counts = () => hook.countsFor(mine);
  /** Bounded wait for rounds an instance's own timer started (Agenda runs the recurring scan on start). */
  const settled = async () => {
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
      if (
        !(await NotificationModel.exists({
          status: 'pending',
          'subject.caseId': { $in: mine },
          nextAttemptAt: { $lte: clock.now() },
        }))
      )
        return;
    }
    throw new Error('deliveries did not settle');
  };

  let caseA: string;
  let p2pB: string;

  before(async () => {
    users = await makeUsers();
    hook = await startWebhookServer(SECRET);
    const base = loadTestConfig();
    config = Object.freeze({
      ...base,
      notify: { ...base.notify, webhookUrl: hook.url, webhookSecret: SECRET, maxAttempts: 3, retryBaseSeconds: 60 },
    });
    const payer = await http
      .post('/api/v1/payers')
      .set(users.billing.auth)
      .send({
        name: `Reminder Payer ${Date.now()}`,
        appealWindow: { days: 10, unit: 'calendar', countFrom: 'notice' },
        p2pWindow: { days: 7, unit: 'business', countFrom: 'notice' },
      });
    profileId = payer.body._id;
    caseA = await openCase();
    const caseB = await openCase();
    const physician = await makePhysician('America/Chicago');
    const review = await http
      .post(`/api/v1/cases/${caseB}/p2p`)
      .set(users.billing.auth)
      .send({ physicianId: physician.id });
    p2pB = review.body.id;
    mine.push(p2pB);
    const booked = await http
      .post(`/api/v1/p2p/${p2pB}/schedule`)
      .set(users.billing.auth)
      .send({ version: 0, start: '2026-11-25T16:00:00Z', dialIn: '800-555-0100' });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
  });

  after(async () => {
    for (const s of running) await s.stop();
    await hook.close();
  });

  it(
    'when the scheduler is stopped and a new instance started, then each reminder ' +
      'is delivered once, and later ones still come',
    async () => {
      const first = await start('first');
      await first.scanNow();
      await settled();
      // The booked call's invitation goes to its physician with the first scan, once.
      expect(Object.fromEntries(counts())).to.deep.equal({
        [`case:${caseA}:filing:2026-11-30:7d`]: 1,
        [`case:${mine[1]}:filing:2026-11-30:7d`]: 1,
        [`p2p:${p2pB}:invitation:0:scheduled`]: 1,
      });
      await first.stop();

      const second = await start('second');
      await second.scanNow();
      expect([...counts().values()]).to.deep.equal([1, 1, 1]);

      clock.set(new Date('2026-11-24T16:30:00Z'));
      await second.scanNow();
      const after = counts();
      expect(after.get(`p2p:${p2pB}:p2p_call:2026-11-25T16:00:00Z:1d`)).to.equal(1);
      expect([...after.values()].every((n) => n === 1)).to.equal(true);
      expect(after.size).to.equal(4);
      await second.stop();
    },
  );

  it(
    'when two scheduler instances (and two direct passes) run at the same moment, ' +
      'then every reminder and escalation is delivered exactly once',
    async () => {
      for (let i = 0; i < 4; i++) await openCase();
      clock.set(new Date('2026-11-27T14:30:00Z'));
      const [a, b] = [await start('a'), await start('b')];
      await Promise.all([
        a.scanNow(),
        b.scanNow(),
        runDueReminders(clock.now(), deps()),
        runDueReminders(clock.now(), deps()),
      ]);
      await settled();
      const now = counts();
      const threeDays = [...now.keys()].filter((k) => k.endsWith(':filing:2026-11-30:3d'));
      expect(threeDays).to.have.length(6);
      expect(
        now.get(`p2p:${p2pB}:p2p_call:2026-11-25T16:00:00Z:overdue`),
        'the call’s outcome was never recorded',
      ).to.equal(1);
      expect([...now.entries()].filter(([, n]) => n !== 1)).to.deep.equal([]);
      for (const key of now.keys()) {
        const records = await NotificationModel.find({ key }).lean<NotificationRecord[]>();
        expect(records).to.have.length(1);
        expect(records[0].status).to.equal('delivered');
        expect(records[0].attempts).to.have.length(1);
      }
      expect(hook.received.every((r) => r.signatureOk && r.timestamp)).to.equal(true);
      // Left running, their recurring scan (every REMINDER_SCAN_SECONDS of real time) would deliver
      // through the before() webhook whatever a later test has made due, whenever it happens to fire.
      await Promise.all([a.stop(), b.stop()]);
    },
  );

  it(
    'when a deadline passes with the work not done, then the supervisors are ' + 'told, and no message carries PHI',
    async () => {
      clock.set(new Date('2026-12-01T06:00:00Z'));
      await runDueReminders(clock.now(), deps());
      const escalation = await NotificationModel.findOne({
        key: `case:${caseA}:filing:2026-11-30:overdue`,
      }).lean<NotificationRecord>();
      expect(escalation).to.include({ kind: 'escalation', status: 'delivered' });
      const roles = escalation!.recipients.map((r) => r.role);
      expect(roles).to.include('admin');
      expect(escalation!.recipients.map((r) => r.userId)).to.include.members([
        users.billing.id,
        users.clinician.id,
        users.admin.id,
      ]);
      expect(escalation!.message.title).to.match(/^Overdue: OVT-\d{4}-\d{5} appeal filing deadline/);
      expect(escalation!.message.link).to.match(new RegExp(`/cases/${caseA}$`));
      for (const r of hook.received) for (const secret of PHI) expect(r.body).to.not.contain(secret);
    },
  );

  it(
    'when the webhook answers 500, then the failure is recorded and the delivery ' +
      'retried with backoff until it succeeds, or marked failed after the last ' +
      'attempt',
    async () => {
      clock.set(new Date('2026-11-23T15:00:00Z'));
      const flaky = await openCase();
      const broken = await openCase();
      const server = await startWebhookServer(SECRET, (key) =>
        key.includes(flaky) ? 1 : key.includes(broken) ? 99 : 0,
      );
      try {
        const run = () => runDueReminders(clock.now(), { ...deps(), channels: [webhookChannel(server.url, SECRET)] });
        const key = `case:${flaky}:filing:2026-11-30:7d`;
        await run();
        let record = (await NotificationModel.findOne({ key }).lean<NotificationRecord>())!;
        expect(record.status).to.equal('pending');
        expect(record.channels[0]).to.include({
          name: 'webhook',
          status: 'pending',
          attempts: 1,
          lastError: 'HTTP 500',
        });
        expect(record.attempts).to.deep.equal([
          { round: 1, channel: 'webhook', at: new Date('2026-11-23T15:00:00Z'), ok: false, detail: 'HTTP 500' },
        ]);
        expect(record.nextAttemptAt).to.deep.equal(new Date('2026-11-23T15:01:00Z'));

        clock.advance(30_000);
        await run();
        expect(server.countsFor([flaky]).get(key), 'not retried before the backoff').to.equal(1);

        clock.advance(30_000);
        await run();
        record = (await NotificationModel.findOne({ key }).lean<NotificationRecord>())!;
        expect(record.status).to.equal('delivered');
        expect(record.attempts.map((a) => a.ok)).to.deep.equal([false, true]);
        expect(record.channels[0]).to.include({ status: 'delivered', attempts: 2 });
        expect(server.countsFor([flaky]).get(key)).to.equal(2);

        clock.advance(120_000);
        await run();
        const dead = (await NotificationModel.findOne({
          key: `case:${broken}:filing:2026-11-30:7d`,
        }).lean<NotificationRecord>())!;
        expect(dead.status).to.equal('failed');
        expect(dead.channels[0]).to.include({ status: 'failed', attempts: 3, lastError: 'HTTP 500' });
        expect(dead.attempts.map((a) => a.at.toISOString())).to.deep.equal([
          '2026-11-23T15:00:00.000Z',
          '2026-11-23T15:01:00.000Z',
          '2026-11-23T15:03:00.000Z',
        ]);
        expect(server.received.every((r) => r.signatureOk)).to.equal(true);
      } finally {
        await server.close();
      }
    },
  );

  it(
    'when email is configured, then the recipients with an address get the title ' +
      'and the link, and a notice with none is skipped',
    async () => {
      const transport = nodemailer.createTransport({ jsonTransport: true });
      const channel = emailChannel(transport, 'Overturn <no-reply@clinic.test>');
      const notice = (await NotificationModel.findOne({
        key: `case:${caseA}:filing:2026-11-30:overdue`,
      }).lean<NotificationRecord>())!;
      const withEmail = {
        ...notice,
        recipients: [...notice.recipients, { userId: 'x', name: 'Bea', role: 'billing', email: 'bea@clinic.test' }],
      };
      const sent = await channel.send(withEmail, clock.now());
      expect(sent.detail).to.match(/accepted/);
      const skipped = await channel.send({ ...notice, recipients: [] }, clock.now());
      expect(skipped.skipped).to.equal(true);
    },
  );

  it(
    'when a case’s payer sets a P2P window and no one has requested a call, then ' +
      'its people are reminded before it closes, and nobody is escalated after',
    async () => {
      // The payer's window is 7 business days from the 2026-11-20 notice: Wednesday 2026-12-02 (Thanksgiving skipped).
      const quiet = await openCase();
      clock.set(new Date('2026-11-25T15:00:00Z'));
      await runDueReminders(clock.now(), deps());
      const reminder = await NotificationModel.findOne({
        key: `case:${quiet}:p2p_window:2026-12-02:7d`,
      }).lean<NotificationRecord>();
      expect(reminder, 'a 7-day reminder of the unrequested window').to.not.equal(null);
      expect(reminder!.message.text).to.contain('no peer-to-peer has been requested');
      expect(reminder!.recipients.map((r) => r.userId).sort()).to.deep.equal(
        [users.billing.id, users.clinician.id].sort(),
      );

      clock.set(new Date('2026-12-03T15:00:00Z'));
      await runDueReminders(clock.now(), deps());
      expect(
        await NotificationModel.countDocuments({ key: { $regex: `^case:${quiet}:p2p_window:` }, kind: 'escalation' }),
      ).to.equal(0);
      // The filing deadline of the same case, missed, is escalated as before.
      expect(await NotificationModel.exists({ key: `case:${quiet}:filing:2026-11-30:overdue` })).to.not.equal(null);
    },
  );
});
