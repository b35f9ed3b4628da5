/**
 * Finding words in extracted text the way a reader would: line breaks (a hyphenated word
 * wrapped at its hyphen included), repeated spaces, typographic quotes and dashes, ligatures
 * and letter case do not count; the words themselves always do. Used to search notes
 * and to check that a passage quoted in a letter really is on the page it cites.
 */

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

/** Text with the differences that do not matter to a reader removed (case is kept). */
export function flatten(text: string): string {
  return TYPOGRAPHY.reduce(
    (s, [pattern, replacement]) => s.replace(pattern, replacement),
    text.normalize('NFKC'),
  ).trim();
}

function matcher(query: string): RegExp | null {
  const q = flatten(query);
  if (!q) return null;
  return new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
}

/** Whether `quote` appears in `text`, ignoring layout, typography and case. */
export function containsPassage(text: string, quote: string): boolean {
  const re = matcher(quote);
  return re !== null && re.test(flatten(text));
}

/**
 * The places `query` occurs in `text`, each with some words either side so a user can pick
 * the passage to quote. The passage is cut from the flattened text, so quoting it verbatim
 * always passes `containsPassage`.
 */
export function findPassages(
  text: string,
  query: string,
  options: { context?: number; limit?: number } = {},
): string[] {
  const { context = 160, limit = 5 } = options;
  const re = matcher(query);
  if (!re) return [];
  const flat = flatten(text);
  const out: string[] = [];
  for (const m of flat.matchAll(re)) {
    if (out.length >= limit) break;
    const start = wordStart(flat, Math.max(0, m.index - context));
    const end = wordEnd(flat, Math.min(flat.length, m.index + m[0].length + context));
    out.push(`${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`);
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
