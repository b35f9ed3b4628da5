/**
 * The letter's answers to the payer's stated reasons, read from its text: each reason's heading
 * ("1. “The member missed…”") must be there, in the order given, and each answer runs from its
 * heading to the next one.
 */
import { expect } from 'chai';

/**
 * The text of each reason's answer, in order; the last runs to `end` (or the letter's end).
 * @param letter - the letter's text, white space collapsed
 * @param headings - each reason's heading as the letter prints it, in the payer's order
 */
export function reasonAnswers(letter: string, headings: string[], end?: string): string[] {
  const at = headings.map((h) => letter.indexOf(h));
  expect(
    at.every((i) => i > 0),
    `reason headings at ${at.join(', ')}`,
  ).to.equal(true);
  expect(at).to.deep.equal([...at].sort((a, b) => a - b));
  const last = end === undefined ? letter.length : letter.indexOf(end);
  return at.map((from, i) => letter.slice(from, at[i + 1] ?? last));
}
