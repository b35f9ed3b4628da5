import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { addListKeys, casesDueBetween, hasAnyCase } from '../../server/cases/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { hasAnyUser } from '../../server/auth/index.js';
import { narrative } from '../packets/packet-support.js';
import { isFerretDb, planStages, type Plan } from '../support/plan-stages.js';

interface SentQuery {
  method: string;
  filter: Record<string, unknown>;
  options: { sort?: Record<string, number>; limit?: number; skip?: number; projection?: unknown };
}

/**
 * The hot reads' plans, asked of the server under test. The queries are the ones the service
 * really sends (recorded through mongoose's debug hook while a request is served), each checked
 * against the index its comment names:
 * - on FerretDB v1 (the local default), which pushes only a bare `_id` equality down to SQLite,
 *   a case read must be pushed down (the `$and` with the visibility filter was not);
 * - on MongoDB (a clinic running the suite with `MONGODB_URI`), each read walks its index: an
 *   IXSCAN on it, no collection scan and no sort in memory;
 * - on both, the query's shape fits its index: equality on a prefix, then the sort.
 */
describe('the hot reads’ query plans', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing', TestUser>;
  let ownCase: string;
  let ferret: boolean;
  const sent: SentQuery[] = [];

  before(async () => {
    users = await makeUsers();
    ferret = await isFerretDb();
    const mine = { ...caseBody().treatingClinician, userId: users.clinician.id };
    ownCase = (
      await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        // With the clinician's narrative, so a packet may be generated (its template needs it).
        .send(caseBody({ treatingClinician: mine, narrative }))
    ).body.id;
    for (let i = 0; i < 4; i++) await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
  });

  afterEach(() => mongoose.set('debug', false));

  /** The queries on `cases` (or `of`) that `act` sends, by method. */
  async function recorded(act: () => Promise<unknown>, of = 'cases'): Promise<SentQuery[]> {
    sent.length = 0;
    mongoose.set('debug', (collection: string, method: string, filter: unknown, options: unknown) => {
      if (collection === of)
        sent.push({
          method,
          filter: (filter ?? {}) as SentQuery['filter'],
          options: (options ?? {}) as SentQuery['options'],
        });
    });
    await act();
    mongoose.set('debug', false);
    return [...sent];
  }

  // Without `skip`, which does not change the plan and which FerretDB refuses in an explain as an int.
  const explainFind = ({ filter, options: { skip: _skip, ...options } }: SentQuery, of = 'cases'): Promise<Plan> =>
    mongoose.connection
      .db!.collection(of)
      .find(filter, options as object)
      .explain('queryPlanner') as Promise<Plan>;

  const explainCount = (q: SentQuery): Promise<Plan> =>
    mongoose.connection.db!.command({ explain: { count: 'cases', query: q.filter }, verbosity: 'queryPlanner' });

  /** The declared index whose keys start with the filter's equality fields, then the sort's. */
  function declaredIndexFor(q: SentQuery): string | undefined {
    const equal = Object.entries(q.filter)
      .filter(([k, v]) => !k.startsWith('$') && (typeof v !== 'object' || v === null || '$eq' in v))
      .map(([k]) => k);
    const sort = Object.keys(q.options.sort ?? {});
    return CaseModel.schema
      .indexes()
      .map(([keys]) => Object.keys(keys))
      .find((keys) => {
        const head = keys.slice(0, equal.length);
        return head.every((k) => equal.includes(k)) && sort.every((s, i) => keys[equal.length + i] === s);
      })
      ?.join(',');
  }

  /** On MongoDB: the winning plan walks `index` (by its fields), with no collection scan and no sort in memory. */
  function expectIndexWalk(plan: Plan, index: string) {
    const winning = ((plan.queryPlanner as Plan | undefined) ?? plan).winningPlan as Plan;
    const all = planStages((winning.queryPlan as Plan | undefined) ?? winning);
    const names = all.map((s) => s.stage);
    expect(names, JSON.stringify(names)).to.not.include.members(['COLLSCAN', 'SORT']);
    const scans = all.filter((s) => s.stage === 'IXSCAN' || s.stage === 'COUNT_SCAN');
    expect(scans.map((s) => Object.keys(s.keyPattern as object).join(','))).to.include(index);
  }

  it('when a clinician opens their own case, then it is read by its _id alone, pushed down on FerretDB', async () => {
    const queries = await recorded(async () =>
      expect((await http.get(`/api/v1/cases/${ownCase}`).set(users.clinician.auth)).status).to.equal(200),
    );
    const read = queries.find((q) => q.method === 'findOne')!;
    expect(Object.keys(read.filter)).to.deep.equal(['_id']);
    const plan = await explainFind(read);
    if (ferret) expect(plan).to.include({ filterPushdown: true });
    else expectIndexWalk(plan, '_id');
  });

  it('when billing lists open cases (the board’s default), then page and count walk their index', async () => {
    const queries = await recorded(async () =>
      expect((await http.get('/api/v1/cases?limit=2&open=true').set(users.billing.auth)).status).to.equal(200),
    );
    const [page, count] = [
      queries.find((q) => q.method === 'find')!,
      queries.find((q) => q.method === 'countDocuments')!,
    ];
    const flat = Object.assign(
      {},
      ...((page.filter.$and as object[] | undefined) ?? [page.filter]),
    ) as SentQuery['filter'];
    expect(declaredIndexFor({ ...page, filter: flat })).to.equal('statusGroup,dueOrder,_id,worklistDue');
    // Never the timeline or the search terms in a list read.
    expect(JSON.stringify(page.options.projection)).to.not.match(/timeline|searchTerms|narrative/);
    const plans = [await explainFind(page), await explainCount(count)];
    if (ferret) for (const plan of plans) expect(plan).to.have.property('filterPushdown');
    else for (const plan of plans) expectIndexWalk(plan, 'statusGroup,dueOrder,_id,worklistDue');
  });

  it('when the worklist is asked for (clinic, one assignee), then it walks open cases in due order', async () => {
    const queries = await recorded(async () => {
      expect((await http.get('/api/v1/worklist/deadlines').set(users.billing.auth)).status).to.equal(200);
      expect((await http.get('/api/v1/worklist/deadlines?assignee=me').set(users.billing.auth)).status).to.equal(200);
    });
    const finds = queries.filter((q) => q.method === 'find');
    expect(finds.map(declaredIndexFor)).to.deep.equal([
      'statusGroup,dueOrder,_id,worklistDue',
      'assigneeId,statusGroup,dueOrder,_id,worklistDue',
    ]);
    // Fewer cases than the limit: the cases shown are the count, none is asked of the server.
    expect(queries.map((q) => q.method)).to.not.include('countDocuments');
    if (!ferret) {
      expectIndexWalk(await explainFind(finds[0]), 'statusGroup,dueOrder,_id,worklistDue');
      expectIndexWalk(await explainFind(finds[1]), 'assigneeId,statusGroup,dueOrder,_id,worklistDue');
    } else for (const q of finds) expect(await explainFind(q)).to.have.property('filterPushdown');
  });

  it('when reminders look for due cases, then they read open cases by the same index', async () => {
    const queries = await recorded(() => casesDueBetween('2026-11-01', '2027-06-01'));
    const [find] = queries;
    expect(declaredIndexFor({ ...find, options: { sort: { dueOrder: 1 } } })).to.equal(
      'statusGroup,dueOrder,_id,worklistDue',
    );
    if (!ferret) expectIndexWalk(await explainFind(find), 'statusGroup,dueOrder,_id,worklistDue');
    else expect(await explainFind(find)).to.have.property('filterPushdown');
  });

  it('when a packet is generated, then its version is read from the case’s packets by their unique index', async () => {
    const queries = await recorded(async () => {
      const res = await http.post(`/api/v1/cases/${ownCase}/packets`).set(users.billing.auth).send({});
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }, 'packets');
    const last = queries.find((q) => q.method === 'findOne' && q.options.sort)!;
    expect([Object.keys(last.filter), last.options.sort]).to.deep.equal([['caseId'], { version: -1 }]);
    if (!ferret) expectIndexWalk(await explainFind(last, 'packets'), 'caseId,version');
    else expect(await explainFind(last, 'packets')).to.have.property('filterPushdown');
  });

  it('when a case has a packet, then the next version is one read of its count by _id, not the packets', async () => {
    const generate = async () => {
      const res = await http.post(`/api/v1/cases/${ownCase}/packets`).set(users.billing.auth).send({});
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.version as number;
    };
    const before = await generate();
    let version = 0;
    const packetReads = await recorded(async () => (version = await generate()), 'packets');
    expect(version).to.equal(before + 1);
    expect(packetReads.filter((q) => q.method === 'findOne' && q.options.sort)).to.deep.equal([]);
    const [read] = await recorded(generate, 'packet_versions');
    expect([read.method, Object.keys(read.filter)]).to.deep.equal(['findOne', ['_id']]);
    const plan = await explainFind(read, 'packet_versions');
    if (!ferret) expectIndexWalk(plan, '_id');
    else expect(plan).to.have.property('filterPushdown', true);
  });

  for (const [what, of, exists] of [
    ['case', 'cases', hasAnyCase],
    ['user', 'users', hasAnyUser],
  ] as const)
    it(`when the service starts on a stored clinic, then whether any ${what} exists is one document read`, async () => {
      let answer: boolean | undefined;
      const [read, ...more] = await recorded(async () => (answer = await exists()), of);
      expect([answer, more.length, read.method, read.filter]).to.deep.equal([true, 0, 'findOne', {}]);
      // A findOne is sent with limit 1. FerretDB answers estimatedDocumentCount by scanning the collection.
      if (ferret)
        expect(await explainFind({ ...read, options: { ...read.options, limit: 1 } }, of)).to.include({
          limitPushdown: true,
        });
    });

  it('when cases were stored without list keys, then the migration sets them from their deadlines', async () => {
    await CaseModel.collection.updateOne(
      { _id: new mongoose.Types.ObjectId(ownCase) },
      { $unset: { statusGroup: 1, worklistDue: 1 } },
    );
    expect(await addListKeys()).to.equal(1);
    const stored = await CaseModel.collection.findOne({ _id: new mongoose.Types.ObjectId(ownCase) });
    expect(stored).to.include({ statusGroup: 'open', worklistDue: stored!.dueOrder });
    expect(await addListKeys()).to.equal(0);
  });
});
