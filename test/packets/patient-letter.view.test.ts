/**
 * The plain-language letter to the patient, rendered from case shapes a clinic meets (the knee case
 * on Medicare Advantage, a Medicaid plan appeal, an employer plan), read as text and measured: what
 * it says comes from the case and the deadline rules, and it reads at grade 8 or below.
 */
import { expect } from 'chai';
import readability from 'text-readability';
import { inlineText, parseMarkup, type Block } from '../../server/platform/pdf/index.js';
import { patientLetterView, type PatientLetterCase } from '../../server/packets/patient-letter.view.js';
import { renderPatientLetter } from '../../server/packets/patient-letter.service.js';

const clinic = { name: 'Riverside Rehabilitation Clinic', phone: '617-555-0100' };

function kneeCase(): PatientLetterCase {
  return {
    reference: 'OVT-2026-00042',
    patient: { firstName: 'Grace', lastName: 'Okafor', dateOfBirth: '1957-03-02', sex: 'female', mrn: 'MRN-1' },
    payer: { name: 'Sunrise Medicare Advantage', planType: 'medicare_advantage', memberId: 'M1' },
    service: { description: 'Outpatient physical therapy, 8 visits', requestType: 'pre_service' },
    denial: {
      noticeDate: '2026-11-02',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '50' }],
      category: 'medical_necessity',
      payerReason: 'The member missed 4 of 12 authorized visits, has reached a plateau, and a home program is enough.',
    },
    statedReasons: [
      { text: 'The member missed 4 of 12 authorized visits', kind: 'attendance' },
      { text: 'has reached a plateau in functional gains', kind: 'plateau' },
      { text: 'a home exercise program is appropriate to continue recovery', kind: 'home_program' },
    ],
    treatingClinician: { name: 'Dr. Priya Natarajan' },
    status: 'gathering_evidence',
    appealLevel: 'reconsideration',
    deadlines: [{ kind: 'filing', level: 'reconsideration', dueDate: '2027-01-06', basis: 'b', citation: 'c' }],
  } as unknown as PatientLetterCase;
}

function medicaidCase(): PatientLetterCase {
  return {
    ...kneeCase(),
    payer: { name: 'Bay State Medicaid Plan', planType: 'medicaid_managed_care', memberId: 'M2' },
    service: { description: 'Power wheelchair', dateOfService: '2026-10-20', requestType: 'pre_service' },
    denial: {
      noticeDate: '2026-10-30',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '197' }],
      category: 'prior_authorization',
      payerReason: 'No prior authorization was on file for this item.',
    },
    statedReasons: undefined,
    status: 'submitted',
    submittedAt: new Date('2026-11-10T15:00:00Z'),
    appealLevel: 'plan_appeal',
    deadlines: [{ kind: 'decision', level: 'plan_appeal', dueDate: '2026-12-10', basis: 'b', citation: 'c' }],
  } as unknown as PatientLetterCase;
}

function employerCase(): PatientLetterCase {
  return {
    ...kneeCase(),
    payer: { name: 'Acme Health Plan', planType: 'erisa_group', memberId: 'M3', state: 'MN' },
    service: { description: 'MRI lumbar spine without contrast', dateOfService: '2026-10-20' },
    denial: {
      noticeDate: '2026-11-02',
      receivedDate: '2026-11-06',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '50' }],
      category: 'medical_necessity',
      payerReason: 'Imaging is not medically necessary without six weeks of conservative therapy.',
    },
    statedReasons: undefined,
    status: 'new',
    appealLevel: 'internal_appeal',
    deadlines: [],
  } as unknown as PatientLetterCase;
}

function letterText(record: PatientLetterCase): string {
  const blocks = parseMarkup(renderPatientLetter(patientLetterView(record, { clinic, today: '2026-11-23' })));
  const lines = (b: Block): string[] =>
    b.kind === 'list'
      ? b.items.map(inlineText)
      : b.kind === 'heading' || b.kind === 'paragraph'
        ? [inlineText(b.content)]
        : [];
  // Each line is a sentence for the measure: a heading or a list item without a full stop is still one.
  return blocks
    .flatMap(lines)
    .map((line) => (/[.!?:”]$/.test(line) ? line : `${line}.`))
    .join('\n');
}

describe('the letter to the patient', () => {
  const shapes: Array<[string, () => PatientLetterCase]> = [
    ['the knee case on Medicare Advantage', kneeCase],
    ['a Medicaid plan appeal waiting for the plan', medicaidCase],
    ['an employer plan’s MRI denial', employerCase],
  ];
  for (const [shape, make] of shapes) {
    it(`when it is written for ${shape}, then it reads at Flesch-Kincaid grade 8 or below`, () => {
      const grade = readability.fleschKincaidGrade(letterText(make()));
      expect(grade).to.be.at.most(8);
    });
  }

  it('when the same measure reads the appeal letter’s ERISA rights paragraph, then it finds it above grade 12', () => {
    // The measure tells hard text from plain: the paragraph a payer reads, not a patient.
    const rights =
      'Under 29 CFR 2560.503-1(h)(2)(iii) and (m)(8), please provide, free of charge, copies of all documents, ' +
      'records and other information relevant to this claim, including the internal rules, guidelines, protocols ' +
      'and criteria relied upon, and the name and qualifications of each health care professional consulted.';
    expect(readability.fleschKincaidGrade(rights)).to.be.above(12);
  });

  it(
    'when it is the knee case, then it says what was denied, each reason plainly and in the plan’s words, ' +
      'and the clinic’s filing date',
    () => {
      const text = letterText(kneeCase());
      expect(text).to.include('The plan will not pay for this care: Outpatient physical therapy, 8 visits.');
      expect(text).to.include('The plan says this care is not needed for your health right now.');
      expect(text).to.include('The plan points to visits that were missed.');
      expect(text).to.include('The plan thinks you have stopped getting better with this care.');
      expect(text).to.include('The plan thinks you can do your exercises at home on your own.');
      expect(text).to.include('“has reached a plateau in functional gains”');
      expect(text).to.include('Code CO-50: The plan says this care is not needed for your health right now.');
      expect(text).to.include('We must send it so the plan gets it by January 6, 2027.');
      expect(text).to.include('Tell us why you missed visits, in your own words.');
      expect(text).to.not.match(/ask for an outside review|free office/i);
    },
  );

  it('when the patient appeals an MA reconsideration, then its last day is notice + 65 days (422.582(b))', () => {
    // 2026-11-02 + 5 days presumed receipt + 60 days = 2027-01-06.
    expect(patientLetterView(kneeCase(), { clinic, today: '2026-11-23' }).ownAppeal).to.deep.equal({
      level: 'a new look by an outside reviewer',
      by: 'January 6, 2027',
      automatic: false,
    });
  });

  it('when a Medicaid appeal was sent, then it says when, the plan’s answer date, and the fair hearing after', () => {
    const text = letterText(medicaidCase());
    expect(text).to.include('We sent our appeal to the plan on November 10, 2026.');
    expect(text).to.include('The plan must give its answer by December 10, 2026.');
    expect(text).to.include('a state fair hearing');
    expect(text).to.include('Code CO-197: The plan says it was not asked to approve this care before you got it.');
    expect(text).to.include('“No prior authorization was on file for this item.”');
    expect(text).to.not.match(/ask for an outside review|free office/i);
  });

  it('when the plan is an employer’s, then it names external review (four months) and the consumer help office', () => {
    const text = letterText(employerCase());
    expect(text).to.include('You have 4 months from the plan’s final letter to ask for it.');
    expect(text).to.include('Your state may have a free office that helps people with health plan problems.');
    // ERISA internal appeal: 180 days from receipt of the notice (29 CFR 2560.503-1(h)(3)(i)).
    expect(text).to.include('The plan must get your appeal by May 5, 2027.');
    expect(patientLetterView(employerCase(), { clinic, today: '2026-11-23' }).ownAppeal?.by).to.equal('May 5, 2027');
  });

  it('never puts the patient’s name in a heading', () => {
    const blocks = parseMarkup(renderPatientLetter(patientLetterView(kneeCase(), { clinic, today: '2026-11-23' })));
    const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [inlineText(b.content)] : []));
    expect(headings).to.have.length.above(3);
    for (const h of headings) expect(h).to.not.match(/Grace|Okafor/);
  });
});
