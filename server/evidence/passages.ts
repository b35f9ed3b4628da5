/**
 * Finding words in extracted text the way a reader would: line breaks (a hyphenated word
 * wrapped at its hyphen included), repeated spaces, typographic quotes and dashes, ligatures
 * and letter case do not count; the words themselves always do. Used to search notes
 * and to check that a passage quoted in a letter really is on the page it cites.
 *
 * A page read by OCR (`scanned`) is also forgiving of its hyphens at line ends: OCR cannot tell
 * a word split to fit the line ("medi-" / "cally") from a hyphenated word wrapped ("bone-on-" /
 * "bone"), so there either reading matches. Anything else a word changed still fails.
 */

/** Where a scanned page had a hyphen at a line end between letters: a hyphen, or nothing. */
const LINE_END_HYPHEN = '\uE000';
const SCAN_HYPHEN: [RegExp, string] = [/(?<=\p{L})-[^\S\n]*\n\s*(?=\p{L})/gu, LINE_END_HYPHEN];

/** Options of a match: `scanned` for text read by OCR. */
export interface MatchOptions {
  scanned?: boolean;
}

const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u00ad\s*/g, ''],
  // A hyphenated word wrapped at its hyphen ("bone-on-" at a line end, "bone" on the next) is
  // one word: the break goes, the hyphen stays. A dash set between spaces is not a hyphen.
  [/(?<=\p{L})-\s+(?=\p{L})/gu, '-'],
  [/\s+/g, ' '],
];

/**
 * Text with the differences that do not matter to a reader removed (case is kept); a scanned
 * page keeps a mark where a line ended in a hyphen between letters.
 */
export function flatten(text: string, options: MatchOptions = {}): string {
  const steps = options.scanned ? [SCAN_HYPHEN, ...TYPOGRAPHY] : TYPOGRAPHY;
  return steps.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text.normalize('NFKC')).trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

function matcher(query: string, options: MatchOptions): RegExp | null {
  const q = flatten(query);
  if (!q) return null;
  if (!options.scanned) return new RegExp(escape(q), 'giu');
  // Between two letters a line-end mark may sit; a hyphen between letters may be one.
  const chars = [...q];
  const source = chars
    .map((c, i) => {
      const before = chars[i - 1];
      const after = chars[i + 1];
      if (c === '-' && isLetter(before) && isLetter(after)) return `[-${LINE_END_HYPHEN}]`;
      return isLetter(c) && isLetter(after) ? `${escape(c)}${LINE_END_HYPHEN}?` : escape(c);
    })
    .join('');
  return new RegExp(source, 'giu');
}

/** Whether `quote` appears in `text`, ignoring layout, typography and case (and, scanned, line-end hyphens). */
export function containsPassage(text: string, quote: string, options: MatchOptions = {}): boolean {
  const re = matcher(quote, options);
  return re !== null && re.test(flatten(text, options));
}

/**
 * The places `query` occurs in `text`, each with some words either side so a user can pick
 * the passage to quote. The passage is cut from the flattened text, so quoting it verbatim
 * always passes `containsPassage`.
 */
export function findPassages(
  text: string,
  query: string,
  options: { context?: number; limit?: number } & MatchOptions = {},
): string[] {
  const { context = 160, limit = 5 } = options;
  const re = matcher(query, options);
  if (!re) return [];
  const flat = flatten(text, options);
  const out: string[] = [];
  for (const m of flat.matchAll(re)) {
    if (out.length >= limit) break;
    const start = wordStart(flat, Math.max(0, m.index - context));
    const end = wordEnd(flat, Math.min(flat.length, m.index + m[0].length + context));
    // A line-end mark is shown as the hyphen the page printed; quoted back, it matches again.
    const passage = flat.slice(start, end).trim().replaceAll(LINE_END_HYPHEN, '-');
    out.push(`${start > 0 ? '…' : ''}${passage}${end < flat.length ? '…' : ''}`);
  }
  return out;
}

function wordStart(s: string, i: number): number {
  if (i === 0) return 0;
  const space = s.indexOf(' ', i);
  return space === -1 ? i : space + 1;
}

function wordEnd(s: string, i: number): number {
  if (i >= s.length) return s.length;
  const space = s.lastIndexOf(' ', i);
  return space <= 0 ? i : space;
}
