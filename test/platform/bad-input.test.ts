import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUser, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** Documents in every collection; a refused write must leave all of them as they were. */
async function snapshot(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const out: Record<string, number> = {};
  for (const c of await db.listCollections().toArray()) out[c.name] = await db.collection(c.name).countDocuments();
  return out;
}

/**
 * Every write route of the route table, including those added later, gets the three kinds of
 * bad input a client can send: unknown fields with wrong types, a smuggled MongoDB operator, and
 * a body over the size limit. Each is a 4xx problem+json and nothing is stored.
 */
describe('bad input on every write route', () => {
  const { http, api } = testApp();
  let admin: TestUser;
  let caseId: string;

  before(async () => {
    admin = await makeUser('admin');
    caseId = (await http.post('/api/v1/cases').set(admin.auth).send(caseBody())).body.id;
  });

  const writes = testApp().api.routes.filter((r) => r.method !== 'get');
  const pathFor = (path: string) =>
    `/api/v1${path.replace(':caseId', caseId).replace(/:(\w+)/g, '0123456789abcdef01234567')}`;

  for (const route of writes) {
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      const role = route.roles.includes('admin') ? 'admin' : route.roles[0];
      let user: TestUser;
      before(async () => (user = role === 'admin' ? admin : await makeUser(role)));

      const expectRefused = async (
        send: (req: ReturnType<typeof http.post>) => ReturnType<typeof http.post>,
        statuses: number[],
      ) => {
        const before = await snapshot();
        const res = await send(http[route.method](pathFor(route.path)).set(user.auth));
        expect(res.status, JSON.stringify(res.body)).to.be.oneOf(statuses);
        expect(res.headers['content-type']).to.match(/application\/problem\+json/);
        expect(res.body.detail).to.be.a('string').and.not.empty;
        expect(await snapshot()).to.deep.equal(before);
        return res;
      };

      it('refuses unknown fields and wrong types with 400 listing them', async () => {
        const res = await expectRefused(
          (req) => req.send({ version: 'seven', notAField: true, title: 42 }),
          [400, 415],
        );
        if (res.status === 400) expect(res.body.errors ?? []).to.be.an('array');
      });

      it('refuses a smuggled MongoDB operator', async () => {
        const res = await expectRefused((req) => req.send({ version: { $gt: -1 }, $where: 'sleep(1000)' }), [400, 415]);
        if (res.status === 400 && res.body.errors)
          expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).to.match(/\$/);
      });

      it('refuses JSON nested 8,000 levels deep (48 KB) with 400, not a stack overflow', async () => {
        const deep = `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`;
        const res = await expectRefused((req) => req.set('Content-Type', 'application/json').send(deep), [400, 415]);
        if (res.status === 400) expect(JSON.stringify(res.body.errors)).to.contain('nested deeper than 32 levels');
      });

      it('refuses __proto__ and constructor keys rather than dropping them', async () => {
        const hostile = '{"version":0,"__proto__":{"admin":true},"note":{"constructor":{"prototype":1}}}';
        const res = await expectRefused((req) => req.set('Content-Type', 'application/json').send(hostile), [400, 415]);
        if (res.status === 400)
          expect(res.body.errors.map((e: { field: string }) => e.field)).to.include.members([
            'body.__proto__',
            'body.note.constructor',
          ]);
      });

      it('refuses a body over the size limit with 413', async () => {
        await expectRefused(
          (req) => req.set('Content-Type', 'application/json').send(JSON.stringify({ note: 'x'.repeat(300_000) })),
          [413],
        );
      });

      it('refuses a body of another media type with 415 rather than reading it as empty', async () => {
        const wrongType = route.before ? 'application/json' : 'text/plain';
        const res = await expectRefused((req) => req.set('Content-Type', wrongType).send('{"note":"x"}'), [415]);
        expect(res.body.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
        if (!route.before)
          await expectRefused(
            (req) => req.set('Content-Type', 'application/x-www-form-urlencoded').send('note=x&version=0'),
            [415],
          );
      });
    });
  }

  it('covers every write route registered', () => {
    expect(writes.length).to.equal(api.routes.filter((r) => r.method !== 'get').length);
    expect(writes.length).to.be.greaterThan(6);
  });
});
