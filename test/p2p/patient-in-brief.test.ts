import { expect } from 'chai';
import { patientInBrief } from '../../server/p2p/p2p-view.js';

describe('the patient in brief (prep sheets, clinical invitations)', () => {
  it(
    'when the patient is 89, then the age is exact; at 90 and over it reads "aged ' +
      '90 or older", an exact great age being an identifier',
    () => {
      expect(patientInBrief({ dateOfBirth: '1937-11-24', sex: 'male' }, '2026-11-23')).to.equal('88-year-old male');
      expect(patientInBrief({ dateOfBirth: '1936-11-23', sex: 'female' }, '2026-11-23')).to.equal(
        'female, aged 90 or older',
      );
      expect(patientInBrief({ dateOfBirth: '1926-02-01', sex: 'female' }, '2026-11-23')).to.equal(
        'female, aged 90 or older',
      );
      expect(patientInBrief({ dateOfBirth: '1937-11-23', sex: 'unknown' }, '2026-11-23')).to.equal(
        '89-year-old patient of unrecorded sex',
      );
    },
  );
});
