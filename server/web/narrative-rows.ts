/**
 * The narrative's lists as rows of inputs on the case file (pure): the key clinical facts (date,
 * fact, the record that shows it) and the alternatives tried (treatment, period, outcome), each
 * as stored plus blank rows to add to, so the form works without script (see formRows); and
 * the choices of the timeline entry form (who is quoted, boxes for the alternatives offered).
 */
import type { CaseFile } from './case-file.service.js';
import type { AppealWork } from './appeal-work.service.js';
import { label } from './web-labels.js';

/** Blank rows offered after the stored ones: enough to add a few at a time without script. */
const BLANK_ROWS = 2;

const withBlanks = <T extends object>(rows: T[] | undefined, blank: T) =>
  [...(rows ?? []), ...Array.from({ length: BLANK_ROWS }, () => blank)].map((row, index) => ({
    ...row,
    index,
    row: index + 1,
  }));

/** Who may be quoted on the timeline, as the API names them. */
const SPEAKERS = ['patient', 'payer', 'reviewer', 'clinician', 'other'];

/** Boxes for the alternatives a payer or reviewer offered, one each. */
const ALTERNATIVE_SLOTS = [1, 2, 3];

export function narrativeForms(file: CaseFile, work: AppealWork) {
  const narrative = file.record.narrative;
  return {
    keyFacts: withBlanks(narrative?.keyFacts, { date: '', fact: '', documentId: '' }),
    alternativesTried: withBlanks(narrative?.alternativesTried, { treatment: '', period: '', outcome: '' }),
    documents: work.documents.map((d) => ({ value: d.id, text: `${d.title} (${d.dateText})` })),
    speakers: SPEAKERS.map((value) => ({ value, text: label(value) })),
    alternativeSlots: ALTERNATIVE_SLOTS,
  };
}

/** A row is kept when anything in it was filled in; an empty row adds nothing. */
export const filledIn = (row: Record<string, unknown>) =>
  Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '');
