/**
 * The reading tools the field rules share (pure): values after a label, the words around a find,
 * the repair of digits an OCR misread, and the rating of a value's confidence.
 */
import type { Confidence, FoundAt, NoticeField, NoticePage } from './denial-notice.types.js';

/** A value found on a page, before it is rated. */
export interface Candidate<T = string> {
  value: T;
  page: number;
  /** Where its printed words start in the page's text, and the words. */
  index: number;
  text: string;
  /** Found after a label (or in a place, like a letterhead, that says what it is). */
  labelled: boolean;
  /** Passes the value's own format or check-digit rule. */
  valid: boolean;
  /** Characters were changed to read it (OCR repair): the value is not verbatim. */
  repaired?: boolean;
}

const CONTEXT_CHARS = 60;

/** The words around a find, whole words only, on one line. */
export function contextOf(text: string, index: number, length: number): string {
  let start = Math.max(0, index - CONTEXT_CHARS);
  let end = Math.min(text.length, index + length + CONTEXT_CHARS);
  while (start > 0 && /\S/.test(text[start - 1])) start--;
  while (end < text.length && /\S/.test(text[end])) end++;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/** Whether a value's printed words touch a word the OCR was unsure of. */
function touchesUnsure(candidate: Candidate<unknown>, page: NoticePage | undefined): boolean {
  const end = candidate.index + candidate.text.length;
  return (page?.unsure ?? []).some((word) => word.start < end && candidate.index < word.end);
}

/**
 * The rating: a value failing its rule is `low`; a value whose printed words are not on the page
 * as read (repaired, not found there, or read by OCR with doubt) is at most `medium`; `high`
 * needs a label too.
 */
export function rate(candidate: Candidate<unknown>, pages: readonly NoticePage[]): Confidence {
  if (!candidate.valid) return 'low';
  const page = pages.find((p) => p.page === candidate.page);
  const verbatim =
    !candidate.repaired && (page?.text ?? '').includes(candidate.text) && !touchesUnsure(candidate, page);
  return verbatim && candidate.labelled ? 'high' : 'medium';
}

/** The candidate as the API shows it. */
export function toField<T>(candidate: Candidate<T>, pages: readonly NoticePage[]): NoticeField<T> {
  const pageText = pages.find((p) => p.page === candidate.page)?.text ?? '';
  const where: FoundAt = {
    page: candidate.page,
    text: candidate.text,
    context: contextOf(pageText, candidate.index, candidate.text.length),
  };
  return { value: candidate.value, confidence: rate(candidate, pages), where };
}

const ORDER: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/** The best of several candidates for one value: the most trusted, then the first on the notice. */
export function best<T>(candidates: Candidate<T>[], pages: readonly NoticePage[]): NoticeField<T> | null {
  const fields = candidates.map((c) => toField(c, pages));
  return fields.sort((a, b) => ORDER[a.confidence] - ORDER[b.confidence])[0] ?? null;
}

/** Every distinct value among candidates (the most trusted reading of each), in the order found. */
export function distinct<T>(
  candidates: Candidate<T>[],
  pages: readonly NoticePage[],
  key: (value: T) => string = String,
): NoticeField<T>[] {
  const kept = new Map<string, NoticeField<T>>();
  for (const candidate of candidates) {
    const field = toField(candidate, pages);
    const seen = kept.get(key(candidate.value));
    if (!seen || ORDER[field.confidence] < ORDER[seen.confidence]) kept.set(key(candidate.value), field);
  }
  return [...kept.values()];
}

/**
 * Between a label and its value: spaces, then a colon, "#", "No." or "number" as printed (an OCR
 * may read the colon as ";" or "."), and at most one line break.
 */
const SEPARATOR = /[ \t]*(?:(?:number|no\.|#|\(s\)|\([A-Z]{2,5}\))[ \t]*)*[:;.]?[ \t]*(?:\r?\n[ \t]*)?/iy;

/**
 * The values matching `value` just after each match of `label` on a page, with where each starts.
 * @param label - a global, case-insensitive pattern for the label
 * @param value - a sticky pattern for the value (case as printed); its first group, if any, is the value
 */
export function afterLabel(
  pages: readonly NoticePage[],
  label: RegExp,
  value: RegExp,
): { page: number; index: number; text: string }[] {
  const out: { page: number; index: number; text: string }[] = [];
  for (const { page, text } of pages) {
    for (const m of text.matchAll(label)) {
      SEPARATOR.lastIndex = m.index + m[0].length;
      const sep = SEPARATOR.exec(text);
      value.lastIndex = SEPARATOR.lastIndex;
      const found = sep ? value.exec(text) : null;
      if (!found) continue;
      const inner = found[1] ?? found[0];
      const index = found.index + found[0].indexOf(inner);
      out.push({ page, index, text: inner });
    }
  }
  return out;
}

/** Every match of a global pattern on every page (the whole match, or its first group). */
export function everywhere(
  pages: readonly NoticePage[],
  pattern: RegExp,
): { page: number; index: number; text: string }[] {
  const out: { page: number; index: number; text: string }[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(pattern)) {
      const inner = m[1] ?? m[0];
      out.push({ page, index: m.index + m[0].indexOf(inner), text: inner });
    }
  return out;
}

/**
 * An OCR's usual misreadings inside a run of digits: the letter O for zero, I or l for one. Answers
 * the repaired text, or the same text when nothing needed repair.
 */
export function repairDigits(text: string): string {
  return text.replace(/(?<=\d)[Oo]|[Oo](?=\d)/g, '0').replace(/(?<=\d)[Il|]|[Il|](?=\d)/g, '1');
}

/**
 * The candidate for a printed value: read as printed, else read after repairing the digits an OCR
 * misread (then not verbatim), else kept as printed and failing its rule (so `low`, never dropped:
 * a person sees what the notice seems to say).
 * @param read - the value from its printed words (a date to ISO, a code upper-cased); null when the
 *   words are not a valid value of the kind
 */
export function checked(
  found: { page: number; index: number; text: string },
  labelled: boolean,
  read: (text: string) => string | null,
): Candidate {
  const direct = read(found.text);
  if (direct !== null) return { value: direct, ...found, labelled, valid: true };
  const repairedText = repairDigits(found.text);
  const repaired = repairedText !== found.text ? read(repairedText) : null;
  if (repaired !== null) return { value: repaired, ...found, labelled, valid: true, repaired: true };
  return { value: found.text.trim(), ...found, labelled, valid: false };
}

/**
 * A pattern for any of `alternatives` (pattern sources) starting at a word boundary, so a long
 * list of labels reads one per line.
 * @param after - a pattern source that must follow (e.g. a lookahead for a colon)
 */
export function oneOf(alternatives: string[], flags = 'gi', after = ''): RegExp {
  return new RegExp(String.raw`\b(?:${alternatives.join('|')})${after}`, flags);
}
