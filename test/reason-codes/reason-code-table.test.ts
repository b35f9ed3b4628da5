import { expect } from 'chai';
import {
  DENIAL_CATEGORIES,
  RESOLUTION_ROUTES,
  findReasonCode,
  readReasonCode,
  tableEntries,
} from '../../server/reason-codes/index.js';

/** What a biller checks in the table: the codes they meet daily are there, filed and routed as they work them. */
describe('the reason-code table', () => {
  it('holds every code of the x12.org lists retrieved 17 August 2026: 407 CARCs and 1,216 RARCs', () => {
    expect(tableEntries('CARC')).to.have.length(407);
    expect(tableEntries('RARC')).to.have.length(1216);
  });

  it('has no code twice, and every code has the shape of its list', () => {
    const codes = tableEntries().map((e) => e.code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const e of tableEntries('CARC')) expect(e.code).to.match(/^(\d{1,3}|[ABDPWY]\d{1,2})$/);
    for (const e of tableEntries('RARC')) expect(e.code).to.match(/^(M|MA|N)\d{1,3}$/);
  });

  it('keeps deactivated codes so that old remittances read: CARC 15, 62 and 125, RARC M33 and N66', () => {
    for (const code of ['15', '62', '125', 'M33', 'N66'])
      expect(findReasonCode(code)?.status, code).to.equal('deactivated');
    expect(findReasonCode('50')?.status).to.equal('current');
  });

  const expected: [string, string | null, string][] = [
    ['50', 'medical_necessity', 'appeal'],
    ['197', 'prior_authorization', 'appeal'],
    ['55', 'experimental_investigational', 'appeal'],
    ['16', 'other', 'correct_and_rebill'],
    ['236', 'coding', 'correct_and_rebill'],
    ['96', 'benefit_exclusion', 'appeal'],
    ['29', 'timely_filing', 'appeal'],
    ['45', null, 'no_action'],
    ['1', null, 'patient_responsibility'],
    ['2', null, 'patient_responsibility'],
    ['3', null, 'patient_responsibility'],
    ['N115', 'medical_necessity', 'appeal'],
    ['M127', 'other', 'correct_and_rebill'],
    ['MA130', 'other', 'correct_and_rebill'],
    ['N30', 'other', 'write_off_review'],
  ];
  for (const [code, category, route] of expected)
    it(`files ${code} under ${category ?? 'no denial category'}, usually resolved by ${route}`, () => {
      const entry = findReasonCode(code);
      expect(entry, code).to.include({ code, category, route, appealable: route === 'appeal' });
    });

  it('routes every remark that says something is missing or invalid to correct and rebill', () => {
    const missing = tableEntries('RARC').filter((e) => / missing or invalid$/.test(e.description));
    expect(missing.length).to.be.above(200);
    for (const e of missing) expect(e.route, `${e.code}: ${e.description}`).to.equal('correct_and_rebill');
  });

  it('gives every row a category from DENIAL_CATEGORIES (or none) and a known route', () => {
    for (const e of tableEntries()) {
      if (e.category !== null) expect(DENIAL_CATEGORIES, e.code).to.include(e.category);
      expect(RESOLUTION_ROUTES, e.code).to.include(e.route);
    }
  });

  it('describes every code briefly in its own words, without the official list’s boilerplate', () => {
    for (const e of tableEntries()) {
      expect(e.description.trim(), e.code).to.not.equal('');
      expect(e.description.length, e.code).to.be.at.most(110);
      // Phrases the official texts repeat across hundreds of codes: finding one would mean a copied text.
      expect(e.description, e.code).to.not.match(
        /^Alert:|Missing\/incomplete\/invalid|Usage: Refer to the 835|At least one Remark Code must be provided/i,
      );
    }
  });

  // A few official texts, quoted only to show ours differ from them.
  const official: [string, string][] = [
    ['1', 'Deductible Amount'],
    ['29', 'The time limit for filing has expired.'],
    ['197', 'Precertification/authorization/notification/pre-treatment absent.'],
    ['M127', 'Missing patient medical record for this service.'],
    ['N30', 'Patient ineligible for this service.'],
  ];
  for (const [code, text] of official)
    it(`words ${code} its own way, not as the official list does`, () => {
      const ours = findReasonCode(code)!.description;
      expect(ours.toLowerCase().replace(/\W/g, '')).to.not.equal(text.toLowerCase().replace(/\W/g, ''));
    });
});

describe('reading a code as written', () => {
  const cases: [string, { group?: string; code: string }][] = [
    ['CO-50', { group: 'CO', code: '50' }],
    ['co50', { group: 'CO', code: '50' }],
    ['PR 1', { group: 'PR', code: '1' }],
    ['OA-B13', { group: 'OA', code: 'B13' }],
    ['COA1', { group: 'CO', code: 'A1' }],
    ['50', { code: '50' }],
    ['P12', { code: 'P12' }],
    [' n115 ', { code: 'N115' }],
    ['MA130', { code: 'MA130' }],
  ];
  for (const [written, read] of cases)
    it(`reads “${written}” as ${read.group ? `group ${read.group}, ` : ''}code ${read.code}`, () => {
      expect(readReasonCode(written)).to.deep.equal(read);
    });

  it('finds CARC 50 whether written CO-50 or 50, and knows nothing of ZZ9', () => {
    expect(findReasonCode('CO-50')).to.deep.equal(findReasonCode('50'));
    expect(findReasonCode('CO-50')?.kind).to.equal('CARC');
    expect(findReasonCode('ma130')?.kind).to.equal('RARC');
    expect(findReasonCode('ZZ9')).to.equal(undefined);
  });
});
