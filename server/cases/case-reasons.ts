/**
 * The denial's stated reasons (pure): a proposal of the list split from the payer's quoted reason,
 * for the user to confirm, with what each seems to be about; and what is still missing before a
 * letter can answer each one (`reasonGaps`). No I/O.
 */
import type { ObjectiveMeasure, StatedReason, StatedReasonKind } from './case.types.js';
import { measureTrends } from './case-measures.js';

/** One reason as the splitter proposes it. */
export interface ProposedReason {
  text: string;
  kind: StatedReasonKind;
}

// Tried in order: the first that matches names the kind. Attendance before plateau: "missed visits,
// no progress" is first of all about the visits.
const anyOf = (alternatives: string[]) => new RegExp(`\\b(${alternatives.join('|')})\\b`, 'i');
const KIND_PATTERNS: [StatedReasonKind, RegExp][] = [
  [
    'attendance',
    anyOf([
      'missed',
      'missing (visits|sessions|appointments)',
      'no[- ]?shows?',
      'cancell?(ed|ations?)',
      'attend(ed|ance)?',
      'absen(t|ces?)',
      '(non-?)?complian(t|ce)',
      '(non-?)?adheren(t|ce)',
    ]),
  ],
  [
    'home_program',
    anyOf([
      'home (exercise )?program(me)?',
      'HEP',
      'self[- ](directed|managed|management)',
      'independent(ly)? exercise',
    ]),
  ],
  [
    'plateau',
    anyOf([
      'plateau(ed)?',
      'no (further|significant|measurable|meaningful) (improvement|progress|gains?|change)',
      'not (improving|progressing)',
      'lack of (progress|improvement)',
      'maximum (medical )?improvement',
      'progress has (stalled|slowed)',
    ]),
  ],
];

/** What a reason in the payer's words is about, as a first guess the user may change. */
export function reasonKindOf(text: string): StatedReasonKind {
  return KIND_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}

// A sentence ends at . ! ? followed by a space and a capital, a digit or a quote, except after a
// title or a common abbreviation ("Dr. Lee", "e.g. a brace", "No. 4").
const ABBREVIATION = /\b(dr|mr|mrs|ms|st|no|vs|e\.g|i\.e|etc|approx|pt|wk|wks)\.$/i;
const ENUMERATION = /(?:^|\s)(?:\(\d{1,2}\)|\(?[a-h]\)|\d{1,2}[.)])\s+/g;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]["”’]?\s+(?=["“‘(]?[A-Z0-9])/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const candidate = text.slice(start, m.index + 1);
    if (ABBREVIATION.test(candidate)) continue;
    out.push(candidate);
    start = m.index + m[0].length;
  }
  out.push(text.slice(start));
  return out;
}

/**
 * A series "A, B, and C" split at its commas, when every part reads as a clause of its own (three
 * words or more); "Patient, 69, missed visits" stays whole.
 */
function series(sentence: string): string[] {
  if (!/,\s+(and|or)\s+/i.test(sentence)) return [sentence];
  const parts = sentence.split(/,\s+(?:(?:and|or)\s+)?/i);
  return parts.every((p) => words(p) >= 3) ? parts : [sentence];
}

function tidy(part: string): string {
  return part
    .replace(/^[\s•·\-–—*"“‘']+|[\s"”’']+$/g, '')
    .replace(/^(and|or|also|further(more)?|additionally),?\s+/i, '')
    .replace(/[.;:,]+$/, '')
    .trim();
}

/**
 * The payer's reason split into the reasons it gives, in order, each with a guessed kind: at line
 * breaks and bullets, enumerations ("(1)", "2."), semicolons, sentences, and a series joined by
 * ", and". A proposal only: the user confirms or edits it before it is stored.
 *
 * @param payerReason - the denial's reason in the payer's words
 */
export function splitStatedReasons(payerReason: string): ProposedReason[] {
  const pieces = payerReason
    .replace(ENUMERATION, '\n')
    .split(/\r?\n|\s*[•·]\s+|;\s*/)
    .flatMap(sentences)
    .flatMap(series)
    .map(tidy)
    .filter((p) => words(p) >= 2);
  const seen = new Set<string>();
  return pieces
    .filter((p) => !seen.has(p.toLowerCase()) && seen.add(p.toLowerCase()))
    .map((text) => ({ text: text[0].toUpperCase() + text.slice(1), kind: reasonKindOf(text) }));
}

/** What one stated reason still lacks before a letter can answer it, in words for the user. */
export interface ReasonGap {
  /** The reason's number, from 1, in the payer's order. */
  number: number;
  field: string;
  message: string;
}

/**
 * The stated reasons a letter cannot yet answer: one without the clinician's answer, or without
 * evidence (a measure with a reading before and after, the barriers record, or a quoted page), or
 * citing a measure the case has no two readings of. Empty when every reason is answered.
 */
export function reasonGaps(reasons: readonly StatedReason[], measures: readonly ObjectiveMeasure[]): ReasonGap[] {
  const trends = new Map(measureTrends(measures).map((t) => [t.name.toLowerCase(), t]));
  const gaps: ReasonGap[] = [];
  reasons.forEach((r, i) => {
    const number = i + 1;
    const field = `statedReasons.${i}`;
    const quoted = `reason ${number} (“${r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text}”)`;
    if (!r.answer?.trim())
      gaps.push({ number, field: `${field}.answer`, message: `The answer to ${quoted} is not written` });
    for (const name of r.measures ?? []) {
      const trend = trends.get(name.toLowerCase());
      if (!trend?.after)
        gaps.push({
          number,
          field: `${field}.measures`,
          message: `${quoted} cites ${name}, which needs a reading before and one after`,
        });
    }
    if (!r.measures?.length && !r.barriers && !r.documents?.length)
      gaps.push({
        number,
        field: `${field}.evidence`,
        message: `${quoted} has no evidence: cite measures, the barriers record or a page of a document`,
      });
  });
  return gaps;
}
