/**
 * PDF plumbing shared by every document Overturn produces (appeal packets, peer-to-peer prep
 * sheets): no clinic rules here.
 *
 * - Typesetting with pdfkit: `createPdf` → draw (`drawBlocks`, `drawTable`, `writeInline`) →
 *   `addFooters` (single documents) → `renderPdf` gives the bytes. `typesetDocument` does all
 *   of it for a single document made of blocks.
 * - Document markup: `parseMarkup` turns the restricted HTML that templates emit into blocks;
 *   `drawBlocks` lays them out in a PDF and `htmlPage` shows them as a preview (serve with `PREVIEW_CSP`).
 * - Merging with pdf-lib: `createMergedPdf`, `appendPages` / `appendFitted`, `stampPages` with
 *   `footerStamp`, `addOutline`, `saveMergedPdf`.
 * Every font is embedded (Arimo, TrueType, see fonts.ts) and typeset documents are tagged
 * (structure.ts). Fix `createdAt` in the metadata and every output is byte-identical for the
 * same inputs.
 */
export {
  createPdf,
  renderPdf,
  addFooters,
  footerText,
  LETTER_SIZE,
  MARGINS,
  FOOTER_Y,
  type PdfMeta,
} from './render-pdf.js';
export {
  parseMarkup,
  inlineText,
  MarkupError,
  type Block,
  type Inline,
  type InlineRun,
  type ParagraphStyle,
  type TableStyle,
} from './markup.js';
export { blocksToHtml, htmlPage, escapeHtml, PREVIEW_CSP, FRAMED_PREVIEW_CSP } from './markup-html.js';
export { drawBlocks, drawTable, writeInline, measureInline, ensureSpace, plain, type TableSpec } from './layout.js';
export {
  createMergedPdf,
  loadPdf,
  appendPages,
  appendFitted,
  stampPages,
  footerStamp,
  addOutline,
  saveMergedPdf,
  UnreadablePdfError,
  type Stamp,
  type OutlineEntry,
} from './assemble.js';
export { FONT, drawableText } from './fonts.js';
export { typesetDocument } from './typeset-document.js';
