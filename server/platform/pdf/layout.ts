import type { Block, Inline, ParagraphStyle } from './markup.js';
import { FONT, drawableText, faceOf } from './fonts.js';
import { artifact, element, structureRoot } from './structure.js';

/**
 * Lays document markup out on pdfkit pages: headings kept with what follows, paragraphs,
 * lists, and tables whose rows never split across pages (the header repeats on each page).
 */

/**
 * Sizes and spacing in points; a document that must fit a page count can be set more tightly.
 * Passed down to every function that sets text (the standard type when not given).
 */
export interface Typography {
  body: number;
  lineGap: number;
  heading: Record<1 | 2 | 3, number>;
  table: number;
  small: number;
  /** Space after a paragraph. */
  after: number;
}

export const STANDARD_TYPE: Typography = {
  body: 10.5,
  lineGap: 1.5,
  heading: { 1: 15, 2: 11.5, 3: 10.5 },
  table: 9.5,
  small: 8.5,
  after: 6,
};
export const COMPACT_TYPE: Typography = {
  body: 9.5,
  lineGap: 0.8,
  heading: { 1: 13.5, 2: 10.5, 3: 9.5 },
  table: 8.75,
  small: 8,
  after: 4,
};

/** A line of plain text as inline runs, for callers that build tables from strings. */
export function plain(text: string, style: { bold?: boolean; italic?: boolean } = {}): Inline {
  return [{ text, ...style }];
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

interface InlineOptions {
  x: number;
  y?: number;
  width: number;
  size?: number;
  align?: 'left' | 'right' | 'center' | 'justify';
  color?: string;
  italic?: boolean;
}

/** Splits runs at hard line breaks (`\n`) into lines of runs. */
function splitLines(content: Inline): Inline[] {
  const lines: Inline[] = [[]];
  for (const run of content) {
    run.text.split('\n').forEach((part, k) => {
      if (k > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ ...run, text: part });
    });
  }
  return lines;
}

/**
 * Writes styled runs as one flowing paragraph (pdfkit breaks lines and pages). Each hard line
 * break starts a new pdfkit text call at the left edge: pdfkit's `continued` segments would
 * otherwise drop a break at a segment's end, or start the next line where the last one ended.
 */
export function writeInline(
  doc: PDFKit.PDFDocument,
  content: Inline,
  o: InlineOptions,
  type: Typography = STANDARD_TYPE,
): void {
  doc.fillColor(o.color ?? 'black').fontSize(o.size ?? type.body);
  splitLines(content).forEach((line, li) => {
    const y = li === 0 ? (o.y ?? doc.y) : doc.y;
    if (!line.length) {
      doc.font(FONT.regular).text(' ', o.x, y, { width: o.width, lineGap: type.lineGap });
      return;
    }
    line.forEach((run, k) => {
      const options = {
        width: o.width,
        align: o.align ?? 'left',
        lineGap: type.lineGap,
        continued: k < line.length - 1,
      };
      doc.font(faceOf({ bold: run.bold, italic: run.italic || o.italic }));
      if (k === 0) doc.text(drawableText(run.text), o.x, y, options);
      else doc.text(drawableText(run.text), options);
    });
  });
  doc.fillColor('black');
}

/** Height `content` takes at `width`; measured in the boldest font it uses, so never short. */
export function measureInline(
  doc: PDFKit.PDFDocument,
  content: Inline,
  width: number,
  size?: number,
  type: Typography = STANDARD_TYPE,
): number {
  size ??= type.body;
  const text = drawableText(content.map((r) => r.text).join(''));
  if (!text) return size;
  doc.font(content.some((r) => r.bold) ? FONT.bold : FONT.regular).fontSize(size);
  return doc.heightOfString(text, { width, lineGap: type.lineGap });
}

export interface TableSpec {
  style: 'grid' | 'kv';
  header: Inline[] | null;
  rows: Inline[][];
  /** Column widths as fractions of the text width; by default from the length of each column's text. */
  widths?: number[];
  size?: number;
}

function columnWidths(spec: TableSpec, total: number): number[] {
  const columns = Math.max(spec.header?.length ?? 0, ...spec.rows.map((r) => r.length));
  if (spec.widths) return spec.widths.map((f) => f * total);
  if (spec.style === 'kv' && columns === 2) return [0.26 * total, 0.74 * total];
  const all = spec.header ? [spec.header, ...spec.rows] : spec.rows;
  const weights = Array.from(
    { length: columns },
    (_, c) => Math.min(60, Math.max(...all.map((r) => (r[c] ? r[c].map((x) => x.text).join('').length : 0)))) + 6,
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / sum) * total);
}

/**
 * Draws a table; rows that fit are never split, and the grid header repeats on every page.
 * Tagged as a Table whose header cells (and a key-value table's keys) are TH.
 */
export function drawTable(doc: PDFKit.PDFDocument, spec: TableSpec, type: Typography = STANDARD_TYPE): void {
  const table = element(doc, structureRoot(doc), 'Table');
  const size = spec.size ?? (spec.style === 'grid' ? type.table : type.body);
  const pad = spec.style === 'grid' ? 4 : 1.5;
  const left = doc.page.margins.left;
  const widths = columnWidths(spec, contentWidth(doc));
  // A key-value table's key is set in bold: measured so, or a key that wraps overlaps the next row.
  const boldCell = (header: boolean, c: number) => header || (spec.style === 'kv' && c === 0);
  const heightOf = (row: Inline[], header: boolean) =>
    Math.max(
      ...row.map((cell, c) =>
        measureInline(
          doc,
          boldCell(header, c) ? cell.map((r) => ({ ...r, bold: true })) : cell,
          widths[c] - 2 * pad,
          size,
          type,
        ),
      ),
    ) +
    2 * pad;

  // A header repeated on a later page is drawn for the eye only: the structure has it once.
  let headerTagged = false;
  const drawRow = (row: Inline[], header: boolean) => {
    const height = heightOf(row, header);
    const y = doc.y;
    let x = left;
    const tr = header && headerTagged ? null : element(doc, table, 'TR');
    if (header) headerTagged = true;
    row.forEach((cell, c) => {
      const cellX = x;
      if (spec.style === 'grid')
        artifact(doc, 'Layout', () => {
          if (header) doc.rect(cellX, y, widths[c], height).fillColor('#e6e6e6').fill();
          doc.rect(cellX, y, widths[c], height).lineWidth(0.6).strokeColor('#888888').stroke();
        });
      const bold = boldCell(header, c);
      const draw = () =>
        writeInline(
          doc,
          bold ? cell.map((r) => ({ ...r, bold: true })) : cell,
          { x: cellX + pad, y: y + pad, width: widths[c] - 2 * pad, size },
          type,
        );
      if (tr) element(doc, tr, bold ? 'TH' : 'TD', draw, bold ? { scope: header ? 'Column' : 'Row' } : {});
      else artifact(doc, 'Pagination', draw);
      x += widths[c];
    });
    tr?.end();
    doc.x = left;
    doc.y = y + height;
  };

  const usable = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  const headerHeight = spec.header ? heightOf(spec.header, true) : 0;
  if (spec.header) {
    ensureSpace(doc, headerHeight + (spec.rows[0] ? Math.min(heightOf(spec.rows[0], false), usable / 2) : 0));
    drawRow(spec.header, true);
  }
  for (const row of spec.rows) {
    const height = heightOf(row, false);
    if (height + headerHeight > usable) {
      // A row longer than a page (a long quoted passage) is set as labelled paragraphs instead.
      const tr = element(doc, table, 'TR');
      row.forEach((cell, c) => {
        const label = spec.header?.[c];
        ensureSpace(doc, size * 3);
        element(doc, tr, 'TD', () =>
          writeInline(
            doc,
            label ? [...label.map((r) => ({ ...r, bold: true })), { text: ': ', bold: true }, ...cell] : cell,
            { x: left, width: contentWidth(doc), size },
            type,
          ),
        );
      });
      tr.end();
      doc.moveDown(0.5);
      continue;
    }
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      if (spec.header) drawRow(spec.header, true);
    }
    drawRow(row, false);
  }
  table.end();
  doc.strokeColor('black').fillColor('black');
  doc.y += 6;
}

function paragraphOptions(styles: ParagraphStyle[], doc: PDFKit.PDFDocument, type: Typography): InlineOptions {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const o: InlineOptions = { x: left, width };
  if (styles.includes('right')) o.align = 'right';
  if (styles.includes('small')) o.size = type.small;
  if (styles.includes('muted')) o.color = '#555555';
  if (styles.includes('alert')) o.color = '#b00020';
  if (styles.includes('quote')) Object.assign(o, { x: left + 24, width: width - 36, italic: true });
  return o;
}

/** Room left above a signature block for the hand-written signature. */
const SIGNATURE_GAP = 26;

/** The height of the signature block that follows `blocks[index]`, with its gap; 0 when none does. */
function signatureAfter(doc: PDFKit.PDFDocument, blocks: Block[], index: number, type: Typography): number {
  const next = blocks[index + 1];
  if (next?.kind !== 'paragraph' || !next.styles.includes('signature')) return 0;
  const o = paragraphOptions(next.styles, doc, type);
  return SIGNATURE_GAP + measureInline(doc, next.content, o.width, o.size ?? type.body, type);
}

/** Lays out parsed document markup from the current position, in the given type, each block tagged. */
export function drawBlocks(doc: PDFKit.PDFDocument, blocks: Block[], type: Typography = STANDARD_TYPE): void {
  const left = doc.page.margins.left;
  const root = structureRoot(doc);
  for (const [index, block] of blocks.entries()) {
    switch (block.kind) {
      case 'heading': {
        const size = type.heading[block.level];
        // Keep a heading with at least three lines of what follows it.
        if (index > 0) doc.y += block.level === 1 ? 4 : 8;
        ensureSpace(doc, size + 3 * (type.body + 4));
        element(doc, root, `H${block.level}`, () =>
          writeInline(
            doc,
            block.content.map((r) => ({ ...r, bold: true })),
            { x: left, width: contentWidth(doc), size },
            type,
          ),
        );
        doc.y += 3;
        break;
      }
      case 'paragraph': {
        const o = paragraphOptions(block.styles, doc, type);
        const size = o.size ?? type.body;
        const height = measureInline(doc, block.content, o.width, size, type);
        const gap = block.styles.includes('signature') ? SIGNATURE_GAP : 0;
        // Short paragraphs (an address, a signature block) are kept on one page; long ones may
        // break, but never leave a single line behind. A short one before a signature goes with
        // it, so the signature never stands alone at the top of a page.
        const short = height <= 8 * (size + 4);
        ensureSpace(
          doc,
          gap + (short ? height : 2 * (size + 4)) + (short ? signatureAfter(doc, blocks, index, type) : 0),
        );
        doc.y += gap;
        element(doc, root, 'P', () => writeInline(doc, block.content, o, type));
        doc.y += block.styles.includes('small') ? 3 : type.after;
        break;
      }
      case 'list': {
        const list = element(doc, root, 'L');
        block.items.forEach((item, k) => {
          ensureSpace(doc, type.body * 2);
          const y = doc.y;
          const li = element(doc, list, 'LI');
          element(doc, li, 'Lbl', () =>
            doc
              .font(FONT.regular)
              .fontSize(type.body)
              .fillColor('black')
              .text(block.ordered ? `${k + 1}.` : '•', left + 4, y, { width: 16, lineBreak: false }),
          );
          element(doc, li, 'LBody', () =>
            writeInline(doc, item, { x: left + 20, y, width: contentWidth(doc) - 20 }, type),
          );
          li.end();
          doc.y += 2;
        });
        list.end();
        doc.y += 4;
        break;
      }
      case 'table':
        drawTable(doc, block, type);
        break;
      case 'rule': {
        ensureSpace(doc, 12);
        const y = doc.y + 3;
        artifact(doc, 'Layout', () =>
          doc
            .moveTo(left, y)
            .lineTo(doc.page.width - doc.page.margins.right, y)
            .lineWidth(0.8)
            .strokeColor('#777777')
            .stroke()
            .strokeColor('black'),
        );
        doc.y = y + 8;
        break;
      }
    }
  }
  doc.x = left;
}
