import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { measureTrends, reasonGaps, splitStatedReasons } from '../../server/cases/index.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';

const kneeReason =
  'The member missed 4 of 12 authorized visits, has reached a plateau in functional gains, and a home ' +
  'exercise program is appropriate to continue recovery.';

describe('the splitter proposes the denial’s stated reasons', () => {
  it('when the payer joins three reasons in one sentence, then each becomes a reason with its kind', () => {
    expect(splitStatedReasons(kneeReason)).to.deep.equal([
      { text: 'The member missed 4 of 12 authorized visits', kind: 'attendance' },
      { text: 'Has reached a plateau in functional gains', kind: 'plateau' },
      { text: 'A home exercise program is appropriate to continue recovery', kind: 'home_program' },
    ]);
  });

  it('when reasons are numbered or separated by semicolons, then they are split there and in order', () => {
    expect(
      splitStatedReasons('(1) No measurable progress since 10/02; (2) documentation of the plan of care is missing.'),
    ).to.deep.equal([
      { text: 'No measurable progress since 10/02', kind: 'plateau' },
      { text: 'Documentation of the plan of care is missing', kind: 'other' },
    ]);
  });

  it('when a sentence has commas that are not a series of clauses, then it stays whole', () => {
    expect(splitStatedReasons('Patient, 69, does not meet criteria. Dr. Lee reviewed the file.')).to.deep.equal([
      { text: 'Patient, 69, does not meet criteria', kind: 'other' },
      { text: 'Dr. Lee reviewed the file', kind: 'other' },
    ]);
  });
});

describe('objective measures before and after, and what a reason still lacks', () => {
  const measures = [
    { name: 'Knee flexion', value: 110, unit: 'degrees', date: '2026-11-10', documentId: 'd2', page: 1 },
    { name: 'Knee flexion', value: 95, unit: 'degrees', date: '2026-10-01', documentId: 'd1', page: 2 },
    { name: 'knee flexion', value: 102, unit: 'degrees', date: '2026-10-20' },
    { name: 'TUG', value: 14.2, unit: 'seconds', date: '2026-10-01' },
  ];

  it('when a measure has three readings, then before is the earliest and after the latest', () => {
    const [flexion, tug] = measureTrends(measures);
    expect(flexion).to.include({ name: 'Knee flexion', unit: 'degrees', readings: 3 });
    expect(flexion.before).to.include({ value: 95, date: '2026-10-01', documentId: 'd1', page: 2 });
    expect(flexion.after).to.include({ value: 110, date: '2026-11-10', documentId: 'd2', page: 1 });
    expect(tug.after).to.equal(null);
  });

  it('when a reason has no answer, no evidence, or cites a measure read once, then each gap is named', () => {
    const gaps = reasonGaps(
      [
        { text: 'Reached a plateau', kind: 'plateau', answer: 'Flexion gained 15°', measures: ['Knee flexion'] },
        { text: 'Missed visits', kind: 'attendance' },
        { text: 'Slow', kind: 'other', answer: 'TUG is still high', measures: ['TUG'] },
      ],
      measures,
    );
    expect(gaps.map((g) => [g.number, g.field])).to.deep.equal([
      [2, 'statedReasons.1.answer'],
      [2, 'statedReasons.1.evidence'],
      [3, 'statedReasons.2.measures'],
    ]);
    expect(gaps[2].message).to.contain('TUG, which needs a reading before and one after');
  });
});

describe('stated reasons and measures on a case, through the API', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'director' | 'admin', TestUser>;

  before(async () => {
    users = await makeUsers();
  });

  async function openKneeCase() {
    const res = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          denial: { ...caseBody().denial, payerReason: kneeReason },
          treatingClinician: { name: users.clinician.name, userId: users.clinician.id },
        }),
      );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; version: number };
  }

  it('when a proposal is asked for, then the quoted reason comes back split, nothing stored, audited', async () => {
    const c = await openKneeCase();
    const res = await http.post(`/api/v1/cases/${c.id}/stated-reasons/proposal`).set(users.clinician.auth).send({});
    expect(res.status).to.equal(200);
    expect(res.body.reasons.map((r: { kind: string }) => r.kind)).to.deep.equal([
      'attendance',
      'plateau',
      'home_program',
    ]);
    const after = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
    expect(after.body.version).to.equal(c.version);
    expect(after.body.statedReasons).to.equal(undefined);
    expect(
      await AuditEventModel.countDocuments({
        caseId: c.id,
        action: 'case.reasons_proposed',
        actorId: users.clinician.id,
      }),
    ).to.equal(1);
  });

  it('when measures are added and reasons cite them, then the case keeps both in order, on its timeline', async () => {
    const c = await openKneeCase();
    let version = c.version;
    for (const m of [
      { name: 'Knee flexion', value: 95, unit: 'degrees', date: '2026-10-01' },
      { name: 'Knee flexion', value: 110, unit: 'degrees', date: '2026-11-10' },
    ]) {
      const res = await http
        .post(`/api/v1/cases/${c.id}/measures`)
        .set(users.billing.auth)
        .send({ version, ...m });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      version = res.body.version;
    }
    const reasons = [
      {
        text: 'Missed 4 of 12 visits',
        kind: 'attendance',
        answer: 'Transport failed; telehealth offered',
        barriers: true,
      },
      { text: 'Reached a plateau', kind: 'plateau', answer: 'Flexion rose 15 degrees', measures: ['knee flexion'] },
    ];
    const saved = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.billing.auth)
      .send({ version, reasons });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body.statedReasons.map((r: { text: string }) => r.text)).to.deep.equal([
      'Missed 4 of 12 visits',
      'Reached a plateau',
    ]);
    expect(saved.body.measures).to.have.length(2);
    expect(saved.body.timeline.at(-1).note).to.equal('Stated reasons: 2 listed, 2 answered.');
    expect(
      await AuditEventModel.countDocuments({
        caseId: c.id,
        action: { $in: ['case.measure_added', 'case.stated_reasons'] },
      }),
    ).to.equal(3);

    const removed = await http
      .delete(`/api/v1/cases/${c.id}/measures/${saved.body.measures[0]._id}?version=${saved.body.version}`)
      .set(users.billing.auth);
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    expect(removed.body.measures.map((m: { value: number }) => m.value)).to.deep.equal([110]);
  });

  it('when two users save reasons from one version, then the second is refused with 409, the first kept', async () => {
    const c = await openKneeCase();
    const first = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.billing.auth)
      .send({ version: c.version, reasons: [{ text: 'Reached a plateau', kind: 'plateau' }] });
    expect(first.status).to.equal(200);
    const second = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.clinician.auth)
      .send({ version: c.version, reasons: [{ text: 'Something else', kind: 'other' }] });
    expect(second.status).to.equal(409);
    expect(second.type).to.equal('application/problem+json');
    const stored = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
    expect(stored.body.statedReasons.map((r: { text: string }) => r.text)).to.deep.equal(['Reached a plateau']);
  });

  it('when a reason cites a missing measure, a bad kind or a foreign document, then 400 names the field', async () => {
    const c = await openKneeCase();
    const res = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.billing.auth)
      .send({
        version: c.version,
        reasons: [{ text: 'Reached a plateau', kind: 'plateau', measures: ['Gait speed'] }],
      });
    expect(res.status).to.equal(400);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.reasons.0.measures.0']);

    const bad = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.billing.auth)
      .send({
        version: c.version,
        reasons: [
          { text: 'x y', kind: 'vague' },
          { text: 'Reached a plateau', documents: [{ documentId: '0123456789abcdef01234567', quote: 'ROM 110' }] },
        ],
      });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.reasons.0.kind']);

    const foreign = await http
      .put(`/api/v1/cases/${c.id}/stated-reasons`)
      .set(users.billing.auth)
      .send({
        version: c.version,
        reasons: [{ text: 'Reached a plateau', documents: [{ documentId: '0123456789abcdef01234567', quote: 'ROM' }] }],
      });
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).to.deep.equal([
      'body.reasons.0.documents.0.documentId',
    ]);
    const stored = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
    expect(stored.body.version).to.equal(c.version);
  });
});
