import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUsers, silentLogger } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { loadTestConfig, type Config } from '../../server/config.js';
import { FixedClock } from '../../server/platform/clock.js';
import { runDueReminders, webhookChannel, type NotificationRecord } from '../../server/notifications/index.js';
import { NotificationModel } from '../../server/notifications/notification.model.js';
import { startWebhookServer } from './webhook-server.js';

const SECRET = 'test-webhook-secret-0123456789';

interface Sent {
  method: string;
  /** A query's filter, or a bulk write's operations. */
  args: unknown[];
}

describe('recording and delivering reminders in batches', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  const clock = new FixedClock(new Date('2026-11-23T15:00:00Z'), loadTestConfig().clinic.timeZone);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  let hook: Awaited<ReturnType<typeof startWebhookServer>>;
  let config: Readonly<Config>;
  let profileId: string;
  const ferret = async () => 'ferretdbVersion' in (await mongoose.connection.db!.admin().command({ buildInfo: 1 }));

  /** `n` cases filed by 2026-11-30 (the payer's 10 days from a 2026-11-20 notice): due for a 7-day reminder. */
  const openCases = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const base = caseBody();
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(
          caseBody({
            payer: { ...base.payer, planType: 'other', profileId },
            denial: { ...base.denial, noticeDate: '2026-11-20', receivedDate: '2026-11-20' },
            assigneeId: users.billing.id,
          }),
        );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids.push(res.body.id);
    }
    return ids;
  };
  const keysOf = (ids: string[]) => ids.map((id) => `case:${id}:filing:2026-11-30:7d`);
  const deps = (withHook: boolean) => ({
    config,
    logger: silentLogger,
    clock,
    channels: withHook ? [webhookChannel(hook.url, SECRET)] : [],
  });

  /** What `act` sends to the notifications collection (mongoose's debug hook). */
  async function sentTo(of: string, act: () => Promise<unknown>): Promise<Sent[]> {
    const sent: Sent[] = [];
    mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
      if (collection === of) sent.push({ method, args });
    });
    try {
      await act();
    } finally {
      mongoose.set('debug', false);
    }
    return sent;
  }

  before(async () => {
    users = await makeUsers();
    hook = await startWebhookServer(SECRET);
    const base = loadTestConfig();
    config = Object.freeze({ ...base, notify: { ...base.notify, webhookUrl: undefined, webhookSecret: undefined } });
    const payer = await http
      .post('/api/v1/payers')
      .set(users.billing.auth)
      .send({ name: `Batch Payer ${Date.now()}`, appealWindow: { days: 10, unit: 'calendar', countFrom: 'notice' } });
    expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
    profileId = payer.body._id;
  });

  after(() => hook.close());

  it(
    'when a pass runs again, and three more at once, then each due notice is recorded once, ' +
      'and a pass reads the cases once',
    async () => {
      const ids = await openCases(3);
      const first = await runDueReminders(clock.now(), deps(false));
      expect(first.created).to.be.at.least(3);
      const caseReads = await sentTo('cases', async () =>
        expect((await runDueReminders(clock.now(), deps(false))).created).to.equal(0),
      );
      // The open cases due by the horizon: index statusGroup_1_dueOrder_1__id_1_worklistDue_1 (see case-reads.ts).
      expect(caseReads.map((s) => [s.method, Object.keys(s.args[0] as object)])).to.deep.equal([
        ['find', ['statusGroup', 'worklistDue']],
      ]);
      const again = await Promise.all([
        runDueReminders(clock.now(), deps(false)),
        runDueReminders(clock.now(), deps(false)),
        runDueReminders(clock.now(), deps(false)),
      ]);
      expect(again.map((r) => r.created)).to.deep.equal([0, 0, 0]);
      expect(again.map((r) => r.due)).to.deep.equal([first.due, first.due, first.due]);
      const stored = await NotificationModel.find({ key: { $in: keysOf(ids) } }).lean<NotificationRecord[]>();
      expect(stored.map((n) => n.key).sort()).to.deep.equal(keysOf(ids).sort());
      expect(stored.map((n) => n.status)).to.deep.equal(['no_channel', 'no_channel', 'no_channel']);
    },
  );

  it('when a reminder is due for a case, then its webhook delivery goes out once over several passes', async () => {
    clock.set(new Date('2026-11-23T16:00:00Z'));
    const ids = await openCases(2);
    await runDueReminders(clock.now(), deps(true));
    clock.advance(60_000);
    await Promise.all([runDueReminders(clock.now(), deps(true)), runDueReminders(clock.now(), deps(true))]);
    expect(Object.fromEntries(hook.countsFor(ids))).to.deep.equal(
      Object.fromEntries(keysOf(ids).map((key) => [key, 1])),
    );
    for (const key of keysOf(ids)) {
      const record = (await NotificationModel.findOne({ key }).lean<NotificationRecord>())!;
      expect([record.status, record.rounds, record.attempts.length]).to.deep.equal(['delivered', 1, 1]);
      expect(record.channels[0]).to.include({ status: 'delivered', attempts: 1 });
    }
    expect(hook.received.every((r) => r.signatureOk)).to.equal(true);
  });

  it(
    'when several notices are delivered in one pass, then the notifications are read once for what is due, ' +
      'and each is read and marked by its _id alone (pushed down on FerretDB)',
    async () => {
      clock.set(new Date('2026-11-23T17:00:00Z'));
      const ids = await openCases(4);
      const sent = await sentTo('notifications', () => runDueReminders(clock.now(), deps(true)));
      expect(Object.fromEntries(hook.countsFor(ids))).to.deep.equal(
        Object.fromEntries(keysOf(ids).map((key) => [key, 1])),
      );
      // One read of the due notices; every other read is one notification by _id.
      const reads = sent.filter((s) => s.method === 'find' || s.method === 'findOne');
      const [scans, byId] = [
        reads.filter((s) => Object.keys(s.args[0] as object).join() !== '_id'),
        reads.filter((s) => Object.keys(s.args[0] as object).join() === '_id'),
      ];
      expect(scans.map((s) => s.args[0])).to.have.length(1);
      expect(byId.length).to.be.at.least(ids.length);
      // No single updates: the rounds are marked together, each by its _id alone.
      expect(sent.filter((s) => s.method.startsWith('update')).map((s) => s.method)).to.deep.equal([]);
      const marks = sent
        .filter((s) => s.method === 'bulkWrite')
        .flatMap((s) => s.args[0] as { updateOne: { filter: object } }[]);
      expect(marks.length).to.be.at.least(ids.length);
      expect(marks.map((m) => Object.keys(m.updateOne.filter).join())).to.satisfy((keys: string[]) =>
        keys.every((k) => k === '_id'),
      );
      const plan = await NotificationModel.collection.find((byId[0].args[0] as object) ?? {}).explain('queryPlanner');
      if (await ferret()) expect(plan).to.include({ filterPushdown: true });
      else expect(JSON.stringify(plan)).to.match(/IDHACK|EXPRESS_IXSCAN|"_id_"/);
    },
  );
});
