import { expect } from 'chai';
import type { CaseRecord } from '../../server/cases/index.js';
import { readyToSend, requiredElements, type ChecklistCase } from '../../server/packets/required-elements.js';
import { requestPageBlocks } from '../../server/packets/request-page.js';
import { caseBody } from '../support/factories.js';

/** A Medicare Part B redetermination as a clinic files it: every element 405.944(b) lists is on the case. */
function medicareCase(overrides: Partial<ChecklistCase> = {}): ChecklistCase {
  const body = caseBody({
    payer: { name: 'Noridian JF Part B', planType: 'medicare_ab', memberId: '1EG4-TE5-MK73' },
  }) as unknown as ChecklistCase;
  return { ...body, appealLevel: 'redetermination', priority: 'standard', ...overrides } as ChecklistCase;
}

const input = (caseRecord: ChecklistCase) => ({ caseRecord, enclosedKinds: [], letterMarkup: '<p>Letter</p>' });
const missingKeys = (caseRecord: ChecklistCase) => readyToSend(input(caseRecord)).missing.map((m) => m.key);

const clinic = { name: 'Riverside PT', address: '1 Main St; Springfield, IL 62701', phone: '217-555-0100' };
type PageCase = Parameters<typeof requestPageBlocks>[0]['caseRecord'];
/** The request page as a clinic prints it on 2026-11-23, read back as its text lines and table rows. */
function requestPage(caseRecord: PageCase, exhibitCount = 2) {
  const blocks = requestPageBlocks({ caseRecord, clinic, today: '2026-11-23', exhibitCount })!;
  const cells = (content: Array<{ text: string }>) => content.map((x) => x.text).join('');
  return {
    rows: blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.map(cells)) : [])),
    text: blocks
      .flatMap((b) =>
        b.kind === 'table'
          ? b.rows.flat().map(cells)
          : b.kind === 'heading' || b.kind === 'paragraph'
            ? [cells(b.content)]
            : [],
      )
      .join('\n'),
  };
}

describe('required elements of an appeal request', () => {
  it('when a Medicare redetermination has every element of 405.944(b), then it is ready, each cited', () => {
    const checklist = readyToSend(input(medicareCase()));
    expect(checklist.ready).to.equal(true);
    expect(checklist.items.map((i) => [i.key, i.status, i.citation])).to.deep.equal([
      ['beneficiary_name', 'present', '42 CFR 405.944(b)(1)'],
      ['medicare_number', 'present', '42 CFR 405.944(b)(2)'],
      ['services', 'present', '42 CFR 405.944(b)(3)'],
      ['dates_of_service', 'present', '42 CFR 405.944(b)(3)'],
      ['party_name', 'present', '42 CFR 405.944(b)(4)'],
      ['signature', 'by_hand', 'Form CMS-20027'],
    ]);
    const values = Object.fromEntries(checklist.items.map((i) => [i.key, i.value]));
    expect(values).to.include({
      beneficiary_name: 'Maria Alvarez',
      medicare_number: '1EG4-TE5-MK73',
      services: 'MRI lumbar spine without contrast (72148)',
      dates_of_service: 'October 20, 2026',
      party_name: 'Dr. Priya Natarajan, MD',
    });
    for (const item of checklist.items) expect(item.effectiveFrom, item.key).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  const base = medicareCase();
  const removals: Array<[string, ChecklistCase]> = [
    ['beneficiary_name', { ...base, patient: { ...base.patient, firstName: '', lastName: '' } }],
    ['medicare_number', { ...base, payer: { ...base.payer, memberId: ' ' } }],
    ['services', { ...base, service: { ...base.service, description: '' } }],
    ['dates_of_service', { ...base, service: { ...base.service, dateOfService: undefined } }],
    ['party_name', { ...base, treatingClinician: { name: '' } }],
  ];
  for (const [key, without] of removals) {
    it(`when a Medicare redetermination lacks ${key}, then the checklist names it, and only it, as missing`, () => {
      const checklist = readyToSend(input(without));
      expect(checklist.ready).to.equal(false);
      expect(checklist.missing.map((m) => m.key)).to.deep.equal([key]);
      expect(checklist.missing[0].citation).to.match(/^42 CFR 405\.944\(b\)\(\d\)$/);
    });
  }

  // The other Medicare requests (the redetermination is above): each element required, taken away in turn, is named.
  const blank: Record<string, (c: ChecklistCase) => ChecklistCase> = {
    beneficiary_name: (c) => ({ ...c, patient: { ...c.patient, firstName: '', lastName: '' } }),
    enrollee: (c) => ({ ...c, patient: { ...c.patient, firstName: '', lastName: '' } }),
    medicare_number: (c) => ({ ...c, payer: { ...c.payer, memberId: ' ' } }),
    services: (c) => ({ ...c, service: { ...c.service, description: '' } }),
    dates_of_service: (c) => ({ ...c, service: { ...c.service, dateOfService: undefined } }),
    party_name: (c) => ({ ...c, treatingClinician: { name: '' } }),
    redetermination_contractor: (c) => ({ ...c, payer: { ...c.payer, name: '' } }),
  };
  const medicareRequests: Array<[CaseRecord['payer']['planType'], CaseRecord['appealLevel']]> = [
    ['medicare_ab', 'reconsideration'],
    ['medicare_advantage', 'reconsideration'],
    ['medicare_part_d', 'redetermination'],
    ['medicare_part_d', 'reconsideration'],
  ];
  for (const [plan, level] of medicareRequests) {
    it(`when a ${plan} ${level} lacks any required element in turn, then the checklist names that one`, () => {
      const full = medicareCase({ payer: { ...base.payer, planType: plan }, appealLevel: level });
      expect(missingKeys(full), 'complete').to.deep.equal([]);
      const required = requiredElements(plan, level).filter((e) => e.strength === 'required' && e.source === 'case');
      expect(required.length).to.be.greaterThan(2);
      for (const { key } of required) {
        expect(blank[key], `a way to take away ${key}`).to.be.a('function');
        expect(missingKeys(blank[key](full)), key).to.deep.equal([key]);
      }
    });
  }

  it('when a reconsideration is asked for, then the redetermining contractor is required (405.964(b)(5))', () => {
    const recon = medicareCase({ appealLevel: 'reconsideration' });
    expect(requiredElements('medicare_ab', 'reconsideration').map((e) => e.citation)).to.include(
      '42 CFR 405.964(b)(5)',
    );
    expect(missingKeys({ ...recon, payer: { ...recon.payer, name: '' } })).to.deep.equal([
      'redetermination_contractor',
    ]);
    const reasons = readyToSend(input(recon)).items.find((i) => i.key === 'disagreement')!;
    expect(reasons).to.include({ strength: 'advised', status: 'missing' });
  });

  it('when a pre-service request covers a claim spanning days, then the dates of service read as a range', () => {
    const pre = medicareCase({
      service: { ...base.service, requestType: 'pre_service', dateOfService: '2026-12-01' },
      claim: { serviceStart: '2026-12-01', serviceEnd: '2027-01-26' } as CaseRecord['claim'],
    });
    const dates = readyToSend(input(pre)).items.find((i) => i.key === 'dates_of_service')!;
    expect(dates.value).to.equal('December 1, 2026 – January 26, 2027');
    const single = medicareCase({ service: { ...base.service, requestType: 'pre_service' } });
    expect(readyToSend(input(single)).items.find((i) => i.key === 'dates_of_service')!.value).to.equal(
      'from October 20, 2026',
    );
  });

  it('when a provider files a Medicaid plan appeal, then the enrollee’s written consent must be enclosed', () => {
    const medicaid = medicareCase({
      payer: { ...base.payer, planType: 'medicaid_managed_care', name: 'Sunshine Health' },
      appealLevel: 'plan_appeal',
      appellant: 'medicaid_provider_with_consent',
    });
    const without = readyToSend({ ...input(medicaid), enclosedKinds: ['progress_note'] });
    expect(without.missing.map((m) => [m.key, m.citation])).to.deep.equal([
      ['appellant_document', '42 CFR 438.402(c)(1)(ii)'],
    ]);
    expect(readyToSend({ ...input(medicaid), enclosedKinds: ['enrollee_consent'] }).ready).to.equal(true);
  });

  it(
    'when an ERISA letter does not ask for the documents relied on, then the checklist shows the request as ' +
      'missing but recommended, not blocking, and says the plan owes them only when asked',
    () => {
      const erisa = medicareCase({
        payer: { ...base.payer, planType: 'erisa_group' },
        appealLevel: 'internal_appeal',
      });
      const unasked = readyToSend({ ...input(erisa), letterMarkup: '<p>Please reverse the denial.</p>' });
      const item = unasked.items.find((i) => i.key === 'documents_request')!;
      expect(item).to.include({ status: 'missing', strength: 'advised' });
      expect(item.rule).to.contain('"upon request and free of charge"').and.contain('only when asked');
      expect(unasked.ready).to.equal(true);
      expect(missingKeys(erisa)).to.deep.equal([]);
      const asked =
        '<p>Under 29 CFR 2560.503-1(h)(2)(iii), please provide, free of charge, copies of all documents ' +
        'including the internal rules, guidelines, protocols and criteria relied upon.</p>';
      expect(readyToSend({ ...input(erisa), letterMarkup: asked }).ready).to.equal(true);
      const before = readyToSend({ ...input(erisa), letterMarkup: null });
      expect(before.items.find((i) => i.key === 'documents_request')!.status).to.equal('pending');
      expect(before.ready).to.equal(true);
    },
  );

  it(
    'when a pre-service request records the planned end of the course, then its dates of service read as a true ' +
      'range on the checklist and the request page; without the end they read "from" the start',
    () => {
      const course = medicareCase({
        service: {
          ...base.service,
          requestType: 'pre_service',
          dateOfService: '2026-12-01',
          dateOfServiceEnd: '2027-01-15',
        },
      });
      const dates = readyToSend(input(course)).items.find((i) => i.key === 'dates_of_service')!;
      expect(dates).to.include({ status: 'present', value: 'December 1, 2026 – January 15, 2027' });
      const { rows } = requestPage(
        { ...course, reference: 'OVT-2026-0002', levelNotice: { noticeDate: '2026-11-20' } },
        1,
      );
      expect(rows).to.deep.include(['4. Date(s) of service', 'December 1, 2026 – January 15, 2027']);
      const open = medicareCase({ service: { ...course.service, dateOfServiceEnd: undefined } });
      expect(readyToSend(input(open)).items.find((i) => i.key === 'dates_of_service')!.value).to.equal(
        'from December 1, 2026',
      );
    },
  );

  it(
    'when the Medicare request is a reconsideration, then its page has CMS-20033’s elements under 405.964(b), ' +
      'the redetermining contractor among them',
    () => {
      const { text } = requestPage({
        ...medicareCase({ appealLevel: 'reconsideration' }),
        reference: 'OVT-2026-0003',
        levelNotice: { noticeDate: '2026-11-02' },
      });
      expect(text)
        .to.contain('Medicare Reconsideration Request')
        .and.contain('With the same elements as Form CMS-20033 (42 CFR 405.964(b))')
        .and.contain('request a reconsideration')
        .and.contain('6. Contractor that made the redetermination')
        .and.contain('Noridian JF Part B')
        .and.contain('1EG4-TE5-MK73')
        .and.contain('Date of the redetermination notice');
    },
  );

  it('when a level has no request of ours (a court), then nothing is required', () => {
    expect(requiredElements('medicare_ab', 'judicial_review')).to.deep.equal([]);
  });

  it('when the Medicare number is missing, then the request page says NOT RECORDED rather than leave a blank', () => {
    const { rows } = requestPage({
      ...base,
      payer: { ...base.payer, memberId: '' },
      reference: 'OVT-2026-0001',
      levelNotice: { noticeDate: '2026-11-02' },
    });
    expect(rows).to.deep.include(['2. Medicare number', 'NOT RECORDED: complete before sending']);
    expect(rows).to.deep.include(['4. Date(s) of service', 'October 20, 2026']);
  });
});
