/**
 * A passage found by document search, split so the page can mark the searched words (pure): the
 * template prints each part escaped, inside <mark> when it is one of the words, so no passage
 * text is ever put on the page as HTML.
 */
import { escapeRegex } from '../platform/escape-regex.js';

export interface PassagePart {
  text: string;
  mark: boolean;
}

/** "…failed conservative therapy…" with q "Therapy" → [..., { text: 'therapy', mark: true }, ...]. */
export function markWords(passage: string, q: string): PassagePart[] {
  const words = q
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .map(escapeRegex);
  if (!words.length) return [{ text: passage, mark: false }];
  const re = new RegExp(`(${words.join('|')})`, 'gi');
  // Split on a captured group, the parts alternate: between the words, a word, between, …
  return passage
    .split(re)
    .map((text, i) => ({ text, mark: i % 2 === 1 }))
    .filter((part) => part.text);
}
