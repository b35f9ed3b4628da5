import fs from 'node:fs/promises';
import { expect } from 'chai';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { createUser } from '../../server/auth/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { makeUsers, testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { startWebhookServer } from '../notifications/webhook-server.js';
import { fixtureText } from '../remittances/support.js';
import { csrfOf } from '../web/web-support.js';
import { startService, tempDir, type ServiceProcess } from './service-process.js';

/**
 * Several instances (issue 15): two service processes, as an operator deploys them behind a
 * proxy, on one database and one shared upload folder, both running jobs. What a user or an
 * operator would see: a session opened on one works on the other, sign-in limits count across
 * both, a case edited through both at once keeps one winner, a due reminder goes out once, and
 * an uploaded remittance is imported once.
 */
describe('two instances of the service on one database', function () {
  this.timeout(240_000);

  const SECRET = 'two-instances-webhook-secret';
  const shared = {
    // Every instance keys CSRF tokens alike, or a form served by one is refused by the other.
    SESSION_SECRET: 'two-instances-session-secret-0123456789',
    JOBS_ENABLED: 'true',
    REMINDER_SCAN_SECONDS: '10',
    WEBHOOK_SECRET: SECRET,
    SHUTDOWN_DRAIN_SECONDS: '1',
  };
  let one: ServiceProcess;
  let two: ServiceProcess;
  let uploads: string;
  let users: Awaited<ReturnType<typeof makeUsers>>;
  let hook: Awaited<ReturnType<typeof startWebhookServer>>;
  let dueCaseId: string;

  /** This test file's own database (root-hooks.ts), on the run's server, for the instances to share. */
  const fileDatabaseUri = () => {
    const uri = new URL(process.env.OVERTURN_TEST_SERVER_URI!);
    uri.pathname = `/${mongoose.connection.name}`;
    return uri.toString();
  };

  /** A staff member who signs in on the web with email and password. */
  const webUser = async (label: string) => {
    const email = `${label}-${Date.now()}@clinic.test`;
    const password = `pw-${label}-long-enough`;
    const { user } = await createUser({ name: `Two instances ${label}`, role: 'billing', email, password });
    return { ...user, email, password };
  };

  /** Signs in on an instance as a browser does (form, CSRF token, pre-session cookie); answers the response. */
  const signIn = async (base: string, email: string, password: string) => {
    const form = await supertest(base).get('/sign-in');
    const preSession = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    return supertest(base)
      .post('/sign-in')
      .set('Cookie', preSession)
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password });
  };

  /** Asks `look` every 200 ms until it answers something, or fails naming `what` after `seconds`. */
  const waitFor = async <T>(what: string, seconds: number, look: () => Promise<T | undefined> | T | undefined) => {
    for (const until = Date.now() + seconds * 1000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      const found = await look();
      if (found !== undefined) return found;
    }
    throw new Error(`${what} did not happen within ${seconds} s`);
  };

  /** A date `days` from today in the clinic's calendar, YYYY-MM-DD. */
  const clinicDate = (days: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(Date.now() + days * 86_400_000));

  before(async function () {
    users = await makeUsers();
    hook = await startWebhookServer(SECRET);
    // A filing deadline four days ahead (later if it rolls past a weekend or holiday) on a payer
    // allowing ten days: its 7-day reminder is due already, so both instances' first scans, at
    // start, race to send it.
    const { http } = testApp(new Date());
    const payer = await http
      .post('/api/v1/payers')
      .set(users.billing.auth)
      .send({
        name: `Two Instances Payer ${Date.now()}`,
        appealWindow: { days: 10, unit: 'calendar', countFrom: 'notice' },
      });
    expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
    const base = caseBody();
    const due = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, planType: 'other', profileId: payer.body._id },
          denial: { ...base.denial, noticeDate: clinicDate(-6), receivedDate: clinicDate(-6) },
          assigneeId: users.billing.id,
          treatingClinician: { ...base.treatingClinician, userId: users.clinician.id },
        }),
      );
    expect(due.status, JSON.stringify(due.body)).to.equal(201);
    dueCaseId = due.body.id;

    uploads = await tempDir('shared-uploads');
    const env = { ...shared, MONGODB_URI: fileDatabaseUri(), UPLOAD_DIR: uploads, WEBHOOK_URL: hook.url };
    // Started together, as after a deployment: both migrate, and both schedule, at once.
    [one, two] = await Promise.all([startService(env), startService(env)]);
  });

  after(async () => {
    for (const service of [one, two].filter(Boolean)) {
      service.child.kill('SIGTERM');
      await service.exited;
      await fs.rm(service.dataDir, { recursive: true, force: true });
    }
    await hook?.close();
    if (uploads) await fs.rm(uploads, { recursive: true, force: true });
  });

  it(
    'when a user signs in on one instance, then the same cookie opens pages and writes on the other, ' +
      'and signing out there ends it on both',
    async () => {
      const user = await webUser('session');
      const signedIn = await signIn(one.url, user.email, user.password);
      expect(signedIn.status).to.equal(303);
      const session = ([] as string[])
        .concat(signedIn.headers['set-cookie'])
        .find((c) => c.startsWith('ovt_session='))!
        .split(';')[0];

      const page = await supertest(two.url).get(signedIn.headers.location).set('Cookie', session);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain(user.name);

      // A write from a page served by the first instance, sent to the second.
      const opened = await supertest(one.url).post('/api/v1/cases').set(users.billing.auth).send(caseBody());
      expect(opened.status).to.equal(201);
      const csrf = csrfOf((await supertest(one.url).get('/board').set('Cookie', session)).text);
      const edited = await supertest(two.url)
        .patch(`/api/v1/cases/${opened.body.id}`)
        .set('Cookie', session)
        .set('X-CSRF-Token', csrf)
        .send({ version: opened.body.version, priority: 'expedited' });
      expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
      expect((await CaseModel.findById(opened.body.id).lean())!.priority).to.equal('expedited');

      const out = await supertest(two.url).post('/sign-out').set('Cookie', session).type('form').send({ _csrf: csrf });
      expect(out.status).to.equal(303);
      const signedOut = await supertest(one.url).get('/board').set('Cookie', session);
      expect(signedOut.status).to.equal(303);
      expect(signedOut.headers.location).to.match(/^\/sign-in/);
    },
  );

  it(
    'when failed sign-ins to one account alternate between the instances, then the eleventh attempt ' +
      'is refused on either, as on one instance',
    async () => {
      const user = await webUser('guessed');
      for (let attempt = 1; attempt <= 10; attempt++) {
        const res = await signIn(attempt % 2 ? one.url : two.url, user.email, `wrong-${attempt}`);
        expect(res.status, `failed attempt ${attempt}`).to.equal(401);
      }
      for (const service of [one, two]) {
        const locked = await signIn(service.url, user.email, user.password);
        expect(locked.status).to.equal(429);
        expect(locked.text).to.contain('Too many failed sign-ins');
      }
    },
  );

  it(
    'when the same version of a case is edited through both instances at once, then one edit wins ' +
      'with 200, the other gets 409, and the case holds the winner',
    async () => {
      const opened = await supertest(one.url).post('/api/v1/cases').set(users.billing.auth).send(caseBody());
      expect(opened.status).to.equal(201);
      const id = opened.body.id as string;
      // A few rounds: each pair meets at a different moment of the other's write.
      for (let round = 0; round < 3; round++) {
        const current = (await supertest(one.url).get(`/api/v1/cases/${id}`).set(users.billing.auth)).body.version;
        const amounts = [100 + round, 200 + round];
        const [a, b] = await Promise.all(
          [one, two].map((service, k) =>
            supertest(service.url)
              .patch(`/api/v1/cases/${id}`)
              .set(users.billing.auth)
              .send({ version: current, amountAtStake: amounts[k] }),
          ),
        );
        expect([a.status, b.status].sort(), `round ${round}`).to.deep.equal([200, 409]);
        const loser = a.status === 409 ? a : b;
        expect(loser.body.code).to.equal('STALE_VERSION');
        const stored = await CaseModel.findById(id).lean();
        expect(stored!.__v, `round ${round}`).to.equal(current + 1);
        expect(stored!.amountAtStake, `round ${round}`).to.equal(a.status === 200 ? amounts[0] : amounts[1]);
      }
    },
  );

  it(
    'when both instances run jobs and a reminder is due, then it is delivered once, ' + 'also after a further scan',
    async () => {
      const ofDueCase = (key: string) => key.startsWith(`case:${dueCaseId}:filing:`);
      await waitFor('the due reminder', 60, () => (hook.received.some((r) => ofDueCase(r.key)) ? true : undefined));
      const deliveredBy = new Date();
      // A scan that began after the delivery and finished: it found the reminder already sent.
      const scans = mongoose.connection.db!.collection('agenda_jobs');
      await waitFor('a further reminder scan', 60, async () => {
        const scan = await scans.findOne({ name: 'reminders:scan', lastRunAt: { $gt: deliveredBy } });
        return scan?.lastFinishedAt >= scan?.lastRunAt ? true : undefined;
      });
      const times = new Map<string, number>();
      for (const { key } of hook.received) times.set(key, (times.get(key) ?? 0) + 1);
      expect([...times.keys()].filter(ofDueCase)).to.have.length(1);
      expect(
        [...times].filter(([, n]) => n > 1),
        'notices delivered more than once',
      ).to.deep.equal([]);
      expect(hook.received.every((r) => r.signatureOk)).to.equal(true);
    },
  );

  it(
    'when one remittance is uploaded to both instances at once, then there is one import, run once, ' +
      'and each denied claim is one case',
    async () => {
      const file = Buffer.from(fixtureText('two-payers-partial-denials.835'));
      const uploaded = await Promise.all(
        [one, two].map((service) =>
          supertest(service.url).post('/api/v1/imports').set(users.billing.auth).attach('file', file, 'remittance.835'),
        ),
      );
      expect(uploaded.map((res) => res.status)).to.deep.equal([202, 202]);
      expect(uploaded[0].body.id).to.equal(uploaded[1].body.id);
      const id = uploaded[0].body.id as string;
      const done = await waitFor('the import', 90, async () => {
        const res = await supertest(two.url).get(`/api/v1/imports/${id}`).set(users.billing.auth);
        return ['queued', 'running'].includes(res.body.status) ? undefined : res.body;
      });
      expect(done.status).to.equal('done');
      expect(done.counts).to.include({ claimsRead: 7, denialsFound: 3, casesCreated: 3, casesMatched: 0 });
      const claims = ['2611500000101', '2611500000102', 'BH-55-0001'];
      const counts = await Promise.all(
        claims.map((number) => CaseModel.countDocuments({ 'claim.payerClaimControlNumber': number })),
      );
      expect(counts).to.deep.equal([1, 1, 1]);
      const listed = await supertest(one.url).get('/api/v1/imports').set(users.admin.auth);
      expect(listed.body.imports.filter((i: { id: string }) => i.id === id)).to.have.length(1);
      // Each run of the job reads the stored file, and the audit trail records each reading.
      const trail = await supertest(two.url)
        .get(`/api/v1/audit?actorId=${users.billing.id}&limit=1000`)
        .set(users.admin.auth);
      const readings = trail.body.events.filter(
        (e: { action: string; entityId: string }) => e.action === 'import.read' && e.entityId === id,
      );
      expect(readings, 'runs of the import job').to.have.length(1);
    },
  );
});
