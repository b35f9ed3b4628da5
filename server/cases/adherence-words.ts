/**
 * Whether a payer's stated reason cites the patient's adherence: missed or cancelled visits,
 * attendance, non-compliance or non-adherence, poor participation. Pure. No denial category or
 * CARC says it (the denial is filed as medical necessity), so the payer's own words are read:
 * whenever a case is written its denial keeps the answer (`denial.adherenceCited`), and the board
 * counts that flag, never reading the words.
 */
const ADHERENCE = new RegExp(
  [
    String.raw`\bmiss(ed|es|ing)?\b[^.;]{0,40}\b(visits?|sessions?|appointments?|treatments?)\b`,
    String.raw`\b(no[- ]?shows?|did not (attend|show)|failed to (attend|keep|show))\b`,
    String.raw`\b(late )?cancell?(ed|ations?)\b[^.;]{0,30}\b(visits?|sessions?|appointments?)\b`,
    String.raw`\b(non|poor|in)[- ]?(adheren(ce|t)|complian(ce|t))\b`,
    String.raw`\b(poor|inconsistent|limited) (attendance|participation)\b`,
    String.raw`\battendance\b`,
  ].join('|'),
  'i',
);

/** True when the payer's reason cites missed visits or non-adherence. */
export function citesAdherence(payerReason: string | undefined): boolean {
  return Boolean(payerReason && ADHERENCE.test(payerReason));
}
