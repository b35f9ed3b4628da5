import fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from '@pdf-lib/fontkit';

/**
 * The one type family of every PDF we typeset: Arimo, embedded as TrueType (subset to the
 * glyphs used). Arimo is the design Liberation Sans 2 is built from and has Helvetica's
 * metrics, so pages set in it keep the lengths they had in the standard-14 Helvetica, which a
 * viewer substitutes at will and PDF/A forbids. It covers Latin, Greek and Cyrillic with the
 * typographic signs our letters use (≤ ≥ → “ ” – — §).
 */

const require = createRequire(import.meta.url);

/** The four faces a document uses, by the names pdfkit knows them under once registered. */
export const FONT = {
  regular: 'Overturn-Regular',
  bold: 'Overturn-Bold',
  italic: 'Overturn-Italic',
  boldItalic: 'Overturn-BoldItalic',
} as const;
export type FontFace = keyof typeof FONT;

const FILES: Record<FontFace, string> = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  italic: '@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf',
};

const loaded = new Map<FontFace, Buffer>();
/** The face's TrueType file, read once on first use (the idle service holds none). */
export function fontBytes(face: FontFace): Buffer {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(FILES[face]));
    loaded.set(face, bytes);
  }
  return bytes;
}

let fontkitModule: typeof Fontkit | undefined;
/** pdf-lib's font engine, for embedding the family in merged files and for reading its coverage. */
export function fontkit(): typeof Fontkit {
  return (fontkitModule ??= require('@pdf-lib/fontkit') as typeof Fontkit);
}

/** Makes the family known to a pdfkit document under the names in `FONT`. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of Object.keys(FONT) as FontFace[]) doc.registerFont(FONT[face], fontBytes(face));
}

/** The face for a run of text. */
export function faceOf(run: { bold?: boolean; italic?: boolean }): string {
  if (run.bold && run.italic) return FONT.boldItalic;
  if (run.bold) return FONT.bold;
  if (run.italic) return FONT.italic;
  return FONT.regular;
}

let coverage: Set<number> | undefined;
function covered(ch: string): boolean {
  coverage ??= new Set(fontkit().create(fontBytes('regular')).characterSet);
  return ch === '\n' || coverage.has(ch.codePointAt(0)!);
}

/**
 * Returns `text` with every character the family can draw: a character it has no glyph for
 * (a name in a script it does not cover, an emoji) would print as an empty box, so it falls
 * back to its base letter without accents, or to `?`.
 */
export function drawableText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\r') continue;
    if (ch === '\t') out += '    ';
    else if (covered(ch)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every(covered) ? base : '?';
    }
  }
  return out;
}
