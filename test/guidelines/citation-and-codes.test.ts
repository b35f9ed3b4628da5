import { expect } from 'chai';
import { citationOf } from '../../server/guidelines/index.js';
import {
  codeMatches,
  diagnosisAncestors,
  normaliseDiagnosisCode,
  whyNoneSuggested,
  whySuggested,
} from '../../server/guidelines/code-match.js';

describe('guideline rules: citations and code matching', () => {
  it('when an MCG criterion is cited, then it reads product edition, guideline and criterion', () => {
    expect(
      citationOf({
        source: 'MCG',
        issuingBody: 'MCG Health',
        version: 'Ambulatory Care 27th ed.',
        title: 'Lumbar Spine MRI (A-0087)',
        section: 'criterion 2',
      }),
    ).to.equal('MCG Ambulatory Care 27th ed., Lumbar Spine MRI (A-0087), criterion 2');
  });

  it('when a coverage determination has a number as its version, then the number follows the source', () => {
    expect(
      citationOf({
        source: 'CMS_NCD',
        issuingBody: 'Centers for Medicare & Medicaid Services',
        version: '220.2',
        title: 'Magnetic Resonance Imaging',
        section: 'B.1',
      }),
    ).to.equal('CMS NCD 220.2, Magnetic Resonance Imaging, B.1');
  });

  it('when a reference has no edition, then its year of publication says which text is meant', () => {
    expect(
      citationOf({
        source: 'USPSTF',
        issuingBody: 'U.S. Preventive Services Task Force',
        title: 'Colorectal Cancer: Screening',
        section: 'adults 45 to 49 years, grade B',
        publishedDate: '2021-05-18',
      }),
    ).to.equal('USPSTF, Colorectal Cancer: Screening, adults 45 to 49 years, grade B (2021)');
    expect(
      citationOf({
        source: 'specialty_society',
        issuingBody: 'American College of Radiology',
        title: 'ACR Appropriateness Criteria: Low Back Pain',
        section: 'Variant 3',
      }),
    ).to.equal('American College of Radiology, ACR Appropriateness Criteria: Low Back Pain, Variant 3');
  });

  it('when a study is cited, then it reads as a journal citation', () => {
    expect(
      citationOf({
        source: 'peer_reviewed_study',
        issuingBody: 'Chou R, Qaseem A, Owens DK, Shekelle P.',
        title:
          'Diagnostic imaging for low back pain: advice for high-value health care ' +
          'from the American College of Physicians',
        version: 'Ann Intern Med. 2011;154(3):181-189',
      }),
    ).to.equal(
      'Chou R, Qaseem A, Owens DK, Shekelle P. Diagnostic imaging for low back ' +
        'pain: advice for high-value health care from the American College of Physicians. ' +
        'Ann Intern Med. 2011;154(3):181-189.',
    );
  });

  it('when diagnosis codes are written without the dot or in lower case, then they are stored the standard way', () => {
    expect(['m5416', 'M54.16', 'C3490', 'E11', 'z12.11'].map(normaliseDiagnosisCode)).to.deep.equal([
      'M54.16',
      'M54.16',
      'C34.90',
      'E11',
      'Z12.11',
    ]);
    expect(diagnosisAncestors('M54.16')).to.deep.equal(['M54', 'M54.1', 'M54.16']);
    expect(diagnosisAncestors('E11')).to.deep.equal(['E11']);
  });

  it('when a guideline lists a category, then a case coded below it matches; a sibling category does not', () => {
    const guideline = { procedureCodes: ['72148'], diagnosisCodes: ['M54', 'M51.26'] };
    const matches = codeMatches(guideline, {
      cptCodes: ['72148', '72149'],
      icd10Codes: ['M54.16', 'M51.27', 'M5126', 'M55.1'],
    });
    expect(matches.map((m) => m.caseCode)).to.deep.equal(['72148', 'M54.16', 'M51.26']);
    expect(whySuggested(matches)).to.equal(
      'Matches the case’s procedure 72148, diagnosis M54.16 (the guideline covers M54) and diagnosis M51.26',
    );
  });

  it('when a guideline lists a code and its category, then the reason names the closer one', () => {
    const matches = codeMatches(
      { procedureCodes: [], diagnosisCodes: ['M17', 'M17.11'] },
      { cptCodes: ['27447'], icd10Codes: ['M17.11'] },
    );
    expect(whySuggested(matches)).to.equal('Matches the case’s diagnosis M17.11');
  });

  it('when nothing matches, then the reason names the case’s codes, or says it has none', () => {
    expect(whyNoneSuggested({ cptCodes: ['27447'], icd10Codes: ['M17.11'] })).to.equal(
      'No guideline in the library lists the case’s procedure 27447 and diagnosis M17.11 or a category above ' +
        'them. Search the library by words, or add the guideline.',
    );
    expect(whyNoneSuggested({ cptCodes: [], icd10Codes: [] })).to.equal(
      'The case has no procedure or diagnosis codes to match; search the library by words instead.',
    );
  });
});
