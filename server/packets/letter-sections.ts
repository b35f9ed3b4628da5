/**
 * The sections a letter needs before it may be generated (pure). A letter never invents clinical
 * content: each template states, in a comment on its first line, the sections it cannot go out
 * without (`{{!-- needs: clinical_summary, argument, reason_answers --}}`), and a section left empty
 * refuses generation with the list of what is missing, unless the user asks for a draft.
 */
import type { FieldProblem } from '../platform/errors.js';
import type { LetterView } from './letter-view.js';

/** What a template may need, each checked against the letter's view model. */
export const LETTER_SECTIONS = [
  'clinical_summary',
  'argument',
  'reason_answers',
  'patient_impact',
  'filing_proof',
  'codes',
  'enclosures',
] as const;
export type LetterSection = (typeof LETTER_SECTIONS)[number];

const NEEDS = /^\s*\{\{!--\s*needs:\s*([a-z_,\s]*?)\s*--\}\}/;

/**
 * The sections a template's source declares it needs; none when it declares nothing.
 * @throws Error naming an unknown section (the template loader refuses the template)
 */
export function declaredNeeds(source: string): LetterSection[] {
  const m = NEEDS.exec(source);
  if (!m) return [];
  const names = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names)
    if (!(LETTER_SECTIONS as readonly string[]).includes(name))
      throw new Error(`it needs an unknown section "${name}" (known: ${LETTER_SECTIONS.join(', ')})`);
  return names as LetterSection[];
}

const filled = (text: string | null) => Boolean(text?.trim());

/** Why each section is missing from this letter, as the user fixes it: the field and what to write. */
function problems(section: LetterSection, view: LetterView): FieldProblem[] {
  switch (section) {
    case 'clinical_summary':
      return filled(view.narrative.clinicalSummary)
        ? []
        : [{ field: 'narrative.clinicalSummary', message: 'The clinical summary is empty' }];
    case 'argument':
      return filled(view.narrative.medicalNecessity)
        ? []
        : [{ field: 'narrative.medicalNecessity', message: 'The argument (why the payer should reverse) is empty' }];
    case 'patient_impact':
      return filled(view.narrative.patientImpact)
        ? []
        : [{ field: 'narrative.patientImpact', message: 'What denial or delay means for this patient is empty' }];
    case 'reason_answers':
      return view.reasonGaps.map((g) => ({ field: g.field, message: g.message }));
    case 'filing_proof':
      return [
        ...(filled(view.narrative.medicalNecessity)
          ? []
          : [
              {
                field: 'narrative.medicalNecessity',
                message: 'The proof of timely submission (when the claim was sent and received) is empty',
              },
            ]),
        ...(view.enclosures.length
          ? []
          : [
              {
                field: 'documentIds',
                message: 'No proof is enclosed: a clearinghouse acceptance report or a payer acknowledgement',
              },
            ]),
      ];
    case 'codes':
      return view.service.cptCodes.length
        ? []
        : [{ field: 'service.cptCodes', message: 'The procedure codes the correction is about are not on the case' }];
    case 'enclosures':
      return view.enclosures.length ? [] : [{ field: 'documentIds', message: 'Nothing is enclosed' }];
  }
}

/** What the letter lacks of the sections its template needs, in the order they are needed; empty when complete. */
export function missingSections(needs: readonly LetterSection[], view: LetterView): FieldProblem[] {
  return needs.flatMap((section) => problems(section, view));
}
