/**
 * Plan-specific arguments and the automated-review paragraph (issues 11 and 10), read back from the
 * letter's PDF text: Medicare Advantage's coverage rules (422.101(b)(6)), Original Medicare's therapy
 * rules only for therapy, ERISA's full and fair review, and the request for an individualized review
 * only when the notice shows an automated or criteria-based review.
 */
import { expect } from 'chai';
import { loadLetterTemplates } from '../../server/packets/letter-templates.js';
import { buildLetterView } from '../../server/packets/letter-view.js';
import { missingSections } from '../../server/packets/letter-sections.js';
import { sampleCaseRecord, sampleCriteria, sampleExhibits } from '../../server/packets/specimen-case.js';
import { parseMarkup, typesetDocument } from '../../server/platform/pdf/index.js';
import type { CaseRecord } from '../../server/cases/index.js';
import { pdfPagesText } from './pdf-text.js';

const clinic = {
  name: 'Northside Spine & Rehabilitation',
  address: '400 Commonwealth Avenue; Boston, MA 02215',
  phone: '617-555-0100',
  fax: '617-555-0101',
  npi: '1548293076',
};
const templates = loadLetterTemplates();
const base = sampleCaseRecord();
const therapy = { ...base.service, cptCodes: ['97110', '97116'], description: 'Outpatient physical therapy, 8 visits' };

function view(changes: {
  planType?: CaseRecord['payer']['planType'];
  service?: CaseRecord['service'];
  automated?: string[];
  narrative?: CaseRecord['narrative'];
}) {
  return buildLetterView({
    caseRecord: sampleCaseRecord({
      payer: { ...base.payer, planType: changes.planType ?? base.payer.planType },
      service: changes.service ?? base.service,
      denial: { ...base.denial, automatedReview: changes.automated },
      ...(changes.narrative ? { narrative: changes.narrative } : {}),
      appealLevel:
        changes.planType === 'medicare_advantage'
          ? 'reconsideration'
          : changes.planType === 'medicare_ab'
            ? 'redetermination'
            : base.appealLevel,
    }),
    criteria: sampleCriteria,
    exhibits: sampleExhibits,
    clinic,
    today: '2026-11-23',
  });
}

async function letterPdf(v: ReturnType<typeof view>, template = 'medical_necessity') {
  const blocks = parseMarkup(templates.render(template, v));
  const { pdf } = await typesetDocument(blocks, {
    meta: { title: 'Letter', author: 'Overturn', subject: 'test', createdAt: new Date('2026-11-23T14:00:00Z') },
    reference: v.reference,
  });
  return pdf;
}
const letterText = async (v: ReturnType<typeof view>, template?: string) =>
  (await pdfPagesText(await letterPdf(v, template))).join('\n').replace(/\s+/g, ' ');

describe('plan-specific arguments in the letter, with their citations', function () {
  // Each test typesets letters (up to three); the machine is shared.
  this.timeout(120_000);

  it(
    'when a Medicare Advantage plan denies physical therapy, then the letter says the plan must apply Traditional ' +
      'Medicare’s criteria and publicly accessible internal criteria only (422.101(b)(6)), and the maintenance ' +
      'standard',
    async () => {
      const text = await letterText(view({ planType: 'medicare_advantage', service: therapy }));
      expect(text)
        .to.contain('The coverage rules this plan must apply')
        .and.contain('under Traditional Medicare’s coverage criteria')
        .and.contain('only when they are publicly accessible (42 CFR 422.101(b)(6))')
        .and.contain('Jimmo v. Sebelius')
        .and.not.contain('424.24(c)');
    },
  );

  it(
    'when Original Medicare denies therapy, then the letter cites the Benefit Policy Manual ch. 15 §§220–230, ' +
      'plan-of-care ' +
      'certification (424.24(c)), Jimmo and the KX modifier; for an MRI it cites none of them',
    async () => {
      const text = await letterText(view({ planType: 'medicare_ab', service: therapy }));
      expect(text)
        .to.contain('Medicare Benefit Policy Manual ch. 15 §§220–230; 42 CFR 424.24(c) and 410.61')
        .and.contain('Jimmo v. Sebelius settlement')
        .and.contain('KX modifier');
      const mri = await letterText(view({ planType: 'medicare_ab' }));
      expect(mri).to.not.contain('424.24(c)').and.not.contain('Jimmo').and.not.contain('KX modifier');
    },
  );

  it('when an employer plan denies, then the letter asks for a full and fair review under 2560.503-1(h)', async () => {
    const text = await letterText(view({ planType: 'erisa_group' }));
    expect(text)
      .to.contain('A full and fair review')
      .and.contain('(29 CFR 2560.503-1(h))')
      .and.contain('((h)(2)(iv))')
      .and.not.contain('422.101(b)(6)');
  });

  it(
    'when the notice names InterQual and an algorithm, then the letter asks for an individualized review by a ' +
      'qualified physician and the criteria used, citing 422.101(b)(6) and CMS’s February 2024 guidance; ' +
      'without them it does not',
    async () => {
      const automated = await letterText(
        view({ planType: 'medicare_advantage', service: therapy, automated: ['InterQual', 'algorithm'] }),
      );
      expect(automated)
        .to.contain('The notice names InterQual, algorithm: this determination appears to rest on an automated')
        .and.contain('an individualized review of this patient’s own records by a qualified physician')
        .and.contain(
          '(42 CFR 422.101(b)(6) and (c); CMS’s guidance on coverage criteria and utilization management of ' +
            'February 6, 2024)',
        );
      const plain = await letterText(view({ planType: 'medicare_advantage', service: therapy }));
      expect(plain).to.not.contain('individualized review');
    },
  );

  it(
    'when an employer plan’s notice names an automated review, then the letter asks for the documents relied on ' +
      'under 2560.503-1(h)(2)(iii), free of charge',
    async () => {
      const text = await letterText(view({ planType: 'erisa_group', automated: ['utilization-management vendor'] }));
      expect(text)
        .to.contain('The notice names utilization-management vendor: this determination appears')
        .and.contain('Under 29 CFR 2560.503-1(h)(2)(iii) and (m)(8), please provide, free of charge');
    },
  );

  describe('in each letter template, read from its PDF', () => {
    /** Where the plan's rules are argued in full; the P2P request only briefly, for Medicare Advantage. */
    const ARGUED = [
      'medical_necessity',
      'prior_authorization',
      'expedited_appeal',
      'experimental_investigational',
      'external_review_request',
    ];
    // Each argues only its own point: proof of timely submission, or the code.
    const NEVER = ['timely_filing', 'coding_correction'];
    const ALL = [...ARGUED, 'p2p_request', ...NEVER];

    it('every built-in template is among those checked here', () => {
      expect(templates.names()).to.deep.equal([...ALL].sort());
    });

    for (const template of ALL) {
      const argued = ARGUED.includes(template);
      it(
        `the ${template} letter: Original Medicare’s therapy rules (424.24(c)) and ERISA’s full and fair review ` +
          `(2560.503-1(h)) ${argued ? 'cited' : 'absent'}; Medicare Advantage’s 422.101(b)(6) ` +
          `${NEVER.includes(template) ? 'absent' : 'cited'}`,
        async () => {
          const ma = await letterText(view({ planType: 'medicare_advantage', service: therapy }), template);
          const original = await letterText(view({ planType: 'medicare_ab', service: therapy }), template);
          const erisa = await letterText(view({ planType: 'erisa_group' }), template);
          expect(ma.includes('(42 CFR 422.101(b)(6))'), 'MA').to.equal(!NEVER.includes(template));
          expect(original.includes('42 CFR 424.24(c) and 410.61'), 'Original Medicare').to.equal(argued);
          expect(erisa.includes('(29 CFR 2560.503-1(h)):'), 'ERISA').to.equal(argued);
        },
      );
    }

    it(
      'the external review request speaks to the independent reviewer of what the plan owed, ' +
        'and the P2P request asks the reviewer to name the criterion',
      async () => {
        const erisa = await letterText(view({ planType: 'erisa_group' }), 'external_review_request');
        expect(erisa)
          .to.contain('The review the plan owed')
          .and.contain('deemed to have exhausted its internal process (29 CFR 2560.503-1(l)(1))')
          .and.not.contain('The plan owes this appeal');
        const ma = await letterText(
          view({ planType: 'medicare_advantage', service: therapy }),
          'external_review_request',
        );
        expect(ma).to.contain('A denial on criteria the plan has not disclosed cannot stand.');
        const p2p = await letterText(view({ planType: 'medicare_advantage', service: therapy }), 'p2p_request');
        expect(p2p)
          .to.contain('The reviewer must apply Traditional Medicare’s coverage criteria, including its maintenance')
          .and.contain('Please be ready to name each criterion applied')
          .and.not.contain('The coverage rules this plan must apply');
      },
    );
  });

  it('when a pre-service course has a planned end, then the letter names its dates as the range', async () => {
    const course = { ...therapy, requestType: 'pre_service' as const, dateOfService: '2026-12-01' };
    const text = await letterText(view({ service: { ...course, dateOfServiceEnd: '2027-01-15' } }));
    expect(text)
      .to.contain('dates of service December 1, 2026 – January 15, 2027')
      .and.contain('Dates of service December 1, 2026 – January 15, 2027');
  });

  it('when the same letter is made twice with the same clock, then the bytes are the same', async () => {
    const v = view({ planType: 'medicare_advantage', service: therapy, automated: ['InterQual'] });
    expect((await letterPdf(v)).equals(await letterPdf(v))).to.equal(true);
  });

  it(
    'when the clinician’s argument is empty, then the plan’s argument does not fill it: generation is still refused ' +
      'for the missing argument',
    () => {
      const v = view({
        planType: 'medicare_advantage',
        service: therapy,
        narrative: { ...base.narrative, medicalNecessity: '' },
      });
      expect(missingSections(templates.needs('medical_necessity'), v).map((p) => p.field)).to.include(
        'narrative.medicalNecessity',
      );
    },
  );
});
