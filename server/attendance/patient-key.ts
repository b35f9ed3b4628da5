/**
 * Which patient a case is about, as a key that finds the same patient's sessions on their other
 * cases. Pure. The key is a SHA-256 of the identifiers, so the attendance collection and its index
 * hold no medical record number, member id or date of birth of their own.
 */
import crypto from 'node:crypto';

/** What of a case names its patient: the clinic's MRN, else the plan's member id with the date of birth. */
export interface PatientIdentity {
  _id: unknown;
  patient?: { mrn?: string; dateOfBirth?: string };
  payer?: { name?: string; memberId?: string };
}

const plain = (text: string) => text.trim().toUpperCase().replace(/\s+/g, '');

/**
 * The patient's key. The MRN is the clinic's own number for the person, the same on every case;
 * an imported case may have none (a remittance carries no MRN), then the member id at the payer
 * with the date of birth; a case with neither is a patient of its own (its sessions are its own).
 */
export function patientKeyOf(c: PatientIdentity): string {
  const mrn = c.patient?.mrn?.trim();
  const member = c.payer?.memberId?.trim();
  const dob = c.patient?.dateOfBirth;
  const identity = mrn
    ? `mrn:${plain(mrn)}`
    : member && dob
      ? `member:${plain(c.payer?.name ?? '')}:${plain(member)}:${dob}`
      : `case:${String(c._id)}`;
  return crypto.createHash('sha256').update(identity).digest('hex');
}
