/**
 * The 14 standard PDF fonts (Helvetica, Times, Courier) encode text as WinAnsi. We use them
 * rather than embedding a font file so that output is small, needs nothing installed and is
 * byte-stable; text outside WinAnsi is mapped to the nearest readable form first.
 */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const FALLBACKS: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '′': "'",
  '″': '"',
  '\u00a0': ' ',
  '\t': '    ',
};

function encodable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.includes(ch);
}

/** Returns `text` with every character a standard PDF font can draw; others become a fallback or `?`. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (encodable(ch)) out += ch;
    else if (FALLBACKS[ch] !== undefined) out += FALLBACKS[ch];
    else if (ch === '\r') continue;
    else {
      // Letters with combining marks fall back to their base letter (e.g. a Vietnamese name).
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every(encodable) ? base : '?';
    }
  }
  return out;
}
