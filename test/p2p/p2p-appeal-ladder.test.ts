/**
 * The appeal ladder against every peer-to-peer outcome: for each plan type, a call before the
 * payer's decision and one after its determination, with the level's governing deadline read
 * before the call and after it. A call never advances the level; only a win changes it.
 */
import { expect } from 'chai';
import { p2pWorld } from './support.js';
import { caseBody } from '../support/factories.js';
import { CaseModel } from '../../server/cases/case.model.js';
import type { PlanType } from '../../server/deadlines/index.js';

type World = Awaited<ReturnType<typeof p2pWorld>>;

/** Each plan type with its first level, its payer and the next level a call must never open. */
const PLANS: { plan: PlanType; level: string; payer: string; next: string }[] = [
  { plan: 'medicare_ab', level: 'redetermination', payer: 'Noridian JE Part B', next: 'reconsideration' },
  { plan: 'medicare_advantage', level: 'reconsideration', payer: 'Humana Gold Plus', next: 'independent_review' },
  { plan: 'medicare_part_d', level: 'redetermination', payer: 'SilverScript Part D', next: 'reconsideration' },
  { plan: 'medicaid_managed_care', level: 'plan_appeal', payer: 'CareSource Medicaid', next: 'state_fair_hearing' },
  { plan: 'erisa_group', level: 'internal_appeal', payer: 'Acme Health Plan', next: 'external_review' },
  { plan: 'aca_individual', level: 'internal_appeal', payer: 'Blue Horizon Individual', next: 'external_review' },
];

describe('the appeal ladder under every peer-to-peer outcome', function () {
  this.timeout(120_000);
  let w: World;
  before(async () => (w = await p2pWorld()));

  let slot = 0;
  /** Books the next free half hour from Tuesday 2026-11-24 15:00 UTC for a new review. */
  async function bookCall(caseId: string) {
    const requested = await w.requestP2P({}, caseId);
    const start = new Date(Date.parse('2026-11-24T15:00:00Z') + slot++ * 30 * 60_000);
    const res = await w.http
      .post(`/api/v1/p2p/${requested.id}/schedule`)
      .set(w.users.billing.auth)
      .send({ version: 0, start: start.toISOString() });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { id: string; version: number; timing: string };
  }

  /** A case of `plan`, denied Friday 2026-11-20 (received that day), filed at its first level when `filed`. */
  async function openCase(plan: (typeof PLANS)[number], filed: boolean) {
    const base = caseBody();
    const id = await w.openCase(
      {
        payer: { ...base.payer, name: w.payer.name, profileId: w.payer._id, planType: plan.plan },
        service: { ...base.service, requestType: plan.plan === 'medicare_part_d' ? 'coverage' : 'pre_service' },
      },
      '2026-11-20',
    );
    if (filed)
      for (const [version, to] of ['gathering_evidence', 'appeal_drafted', 'submitted'].entries()) {
        const moved = await w.http
          .post(`/api/v1/cases/${id}/transitions`)
          .set(w.users.billing.auth)
          .send({ version, to });
        expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      }
    return id;
  }

  /** Records the outcome on Monday 2026-11-30, after every booked call, then turns the clock back. */
  async function outcome(reviewId: string, body: Record<string, unknown>) {
    const was = w.clock.now();
    w.clock.set(new Date('2026-11-30T18:00:00Z'));
    try {
      return await w.http.post(`/api/v1/p2p/${reviewId}/outcome`).set(w.physician.auth).send(body);
    } finally {
      w.clock.set(was);
    }
  }

  const stored = async (id: string) => (await CaseModel.findById(id).lean())!;
  const governing = (c: Awaited<ReturnType<typeof stored>>) =>
    c.deadlines.filter((d) => d.kind !== 'continuation_of_benefits').map((d) => `${d.kind} ${d.level} ${d.dueDate}`);

  const WIN = { reviewerName: 'Dr. Hale', decisionReference: 'UM-60231', decisionDate: '2026-11-30' };

  for (const plan of PLANS) {
    describe(`${plan.plan} (${plan.payer}), denied 2026-11-20`, () => {
      for (const result of ['upheld', 'educational', 'no_show_payer', 'no_show_physician'] as const)
        for (const filed of [false, true])
          it(
            `when a ${filed ? 'pre-decision' : 'post-decision'} call ends ${result}, then the ${plan.level} ` +
              `level, its status and its ${filed ? 'decision' : 'filing'} deadline stay as they were`,
            async () => {
              const caseId = await openCase(plan, filed);
              const review = await bookCall(caseId);
              expect(review.timing).to.equal(filed ? 'pre_decision' : 'post_decision');
              const before = await stored(caseId);
              expect(governing(before)).to.have.length.at.least(1);
              const res = await outcome(review.id, { version: review.version, result });
              expect(res.status, JSON.stringify(res.body)).to.equal(200);
              const after = await stored(caseId);
              expect({ status: after.status, level: after.appealLevel }).to.deep.equal({
                status: filed ? 'submitted' : 'new',
                level: plan.level,
              });
              expect(governing(after)).to.deep.equal(governing(before));
              expect(after.levelHistory).to.deep.equal([]);
              expect(after.timeline.at(-1)!.note).to.contain('Unchanged by this call');
            },
          );

      it(`when a post-decision call overturns the denial, then ${plan.level} is resolved, never advanced`, async () => {
        const caseId = await openCase(plan, false);
        const review = await bookCall(caseId);
        const res = await outcome(review.id, { version: review.version, result: 'overturned', ...WIN });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const after = await stored(caseId);
        expect({ status: after.status, level: after.appealLevel }).to.deep.equal({
          status: 'overturned',
          level: plan.level,
        });
        expect(after.levelHistory.map((h) => `${h.level} ${h.outcome} ${h.decidedOn} ${h.via}`)).to.deep.equal([
          `${plan.level} overturned 2026-11-30 peer_to_peer`,
        ]);
        expect(after.deadlines).to.deep.equal([]);
      });

      it(
        `when a pre-decision call partly overturns, then that is the ${plan.level} decision; ` +
          `${plan.next} is not opened`,
        async () => {
          const caseId = await openCase(plan, true);
          const review = await bookCall(caseId);
          const res = await outcome(review.id, {
            version: review.version,
            result: 'partially_overturned',
            agreed: '6 of the 12 visits',
            ...WIN,
          });
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          const after = await stored(caseId);
          expect({ status: after.status, level: after.appealLevel }).to.deep.equal({
            status: 'partially_overturned',
            level: plan.level,
          });
          expect(after.levelHistory.at(-1)).to.include({ approved: '6 of the 12 visits', via: 'peer_to_peer' });
        },
      );

      it('when a post-decision call partly overturns, the rest is appealed here by the same date', async () => {
        const caseId = await openCase(plan, false);
        const review = await bookCall(caseId);
        const before = await stored(caseId);
        const res = await outcome(review.id, {
          version: review.version,
          result: 'partially_overturned',
          agreed: '6 of the 12 visits',
          ...WIN,
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const after = await stored(caseId);
        expect({ status: after.status, level: after.appealLevel }).to.deep.equal({ status: 'new', level: plan.level });
        expect(governing(after)).to.deep.equal(governing(before));
        expect(after.timeline.at(-1)!.note).to.contain('Approved: 6 of the 12 visits');
      });
    });
  }

  it(
    'when an MA case whose organization determination is dated 2026-11-20 has a P2P recorded as upheld, then ' +
      'nothing was filed: the reconsideration stays open, due 2027-01-24 (422.582(b), receipt presumed 2026-11-25)',
    async () => {
      const base = caseBody();
      const opened = await w.http
        .post('/api/v1/cases')
        .set(w.users.billing.auth)
        .send(
          caseBody({
            payer: { ...base.payer, name: w.payer.name, profileId: w.payer._id, planType: 'medicare_advantage' },
            denial: { ...base.denial, noticeDate: '2026-11-20', receivedDate: undefined },
          }),
        );
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      expect(opened.body.deadlines[0]).to.include({ level: 'reconsideration', dueDate: '2027-01-24' });
      const review = await bookCall(opened.body.id);
      const res = await outcome(review.id, { version: review.version, result: 'upheld', reviewerName: 'Dr. Hale' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.case).to.include({ status: 'new', appealLevel: 'reconsideration' });
      expect(res.body.levelDeadline).to.include({ level: 'reconsideration', kind: 'filing', dueDate: '2027-01-24' });
      expect(res.body.levelDeadline.citation).to.contain('422.582');
    },
  );

  it('when a win is dated in the future or before the request, then 400 on decisionDate, nothing changes', async () => {
    const caseId = await openCase(PLANS[4], false);
    const review = await bookCall(caseId);
    for (const decisionDate of ['2026-12-01', '2026-11-22']) {
      const res = await outcome(review.id, { version: review.version, result: 'overturned', ...WIN, decisionDate });
      expect(res.status, decisionDate).to.equal(400);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.body.errors[0]).to.include({ field: 'body.decisionDate' });
    }
    expect((await stored(caseId)).status).to.equal('new');
  });

  it('when a payer’s post-decision calls are educational, a win after the determination is refused', async () => {
    const strict = await w.http
      .post('/api/v1/payers')
      .set(w.users.billing.auth)
      .send({
        name: `Educational-only Payer ${Date.now()}`,
        p2pWindow: { days: 14, unit: 'calendar', countFrom: 'notice' },
        p2pRules: { postDecisionEducationalOnly: true },
      });
    expect(strict.status, JSON.stringify(strict.body)).to.equal(201);
    const base = caseBody();
    const caseId = await w.openCase(
      { payer: { ...base.payer, name: strict.body.name, profileId: strict.body._id } },
      '2026-11-20',
    );
    const review = await bookCall(caseId);
    const refused = await outcome(review.id, { version: review.version, result: 'overturned', ...WIN });
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal('P2P_EDUCATIONAL_ONLY');
    const educational = await outcome(review.id, { version: review.version, result: 'educational' });
    expect(educational.status, JSON.stringify(educational.body)).to.equal(200);
    expect((await stored(caseId)).status).to.equal('new');
  });
});
