import { createRequire } from 'node:module';
import path from 'node:path';

/** pdf.js's character maps: text in fonts with predefined (mostly CJK) encodings needs them. */
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** How the worker tasks open a PDF with pdf.js: its own data files, no script evaluation, no system fonts. */
export const PDFJS_OPTIONS = {
  cMapUrl: `${PDFJS_DIR}/cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
};
