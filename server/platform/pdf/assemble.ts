import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';
import type { PDFArray, PDFDict, PDFDocument, PDFFont, PDFPage, PDFPageLeaf, PDFRef } from 'pdf-lib';
import { FOOTER_Y, LETTER_SIZE, footerText, type PdfMeta } from './render-pdf.js';
import { drawableText, fontBytes, fontkit } from './fonts.js';
import { errorFields } from '../errors.js';

/**
 * Merging PDFs page by page with pdf-lib (pdfkit cannot import pages), then stamping and
 * bookmarking the result. Output is byte-stable: no clock, no random ids, no object streams.
 */

let pdfLibModule: typeof PdfLib | undefined;
/** pdf-lib is loaded by the first packet assembled, not at start: the idle service does without it. */
function pdfLib(): typeof PdfLib {
  return (pdfLibModule ??= createRequire(import.meta.url)('pdf-lib') as typeof PdfLib);
}

/** Band kept free at the top of a fitted page for its exhibit label, in points. */
const HEADER_BAND = 30;
/** Band kept free at the bottom of a fitted page for the footer, in points. */
const FOOTER_BAND = 44;

export class UnreadablePdfError extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`PDF part ${index} could not be read: ${errorFields(cause).message ?? cause}`);
    this.name = 'UnreadablePdfError';
  }
}

/** A new, empty PDF whose metadata comes entirely from `meta` (pdf-lib would stamp the time). */
export async function createMergedPdf(meta: PdfMeta): Promise<PDFDocument> {
  const pdf = await pdfLib().PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  if (meta.subject) pdf.setSubject(meta.subject);
  if (meta.keywords) pdf.setKeywords([meta.keywords]);
  pdf.setCreator('Overturn');
  pdf.setProducer('Overturn');
  pdf.setLanguage('en-US');
  pdf.setCreationDate(meta.createdAt);
  pdf.setModificationDate(meta.createdAt);
  return pdf;
}

/** Loads a PDF that came from outside (an upload), refusing encrypted files with a clear error. */
export async function loadPdf(bytes: Uint8Array, index = 0): Promise<PDFDocument> {
  try {
    return await pdfLib().PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    throw new UnreadablePdfError(index, err);
  }
}

/** The merged file's structure tree, filled by each tagged part appended. */
interface MergedStructure {
  root: PDFDict;
  /** The kids of the one Document element every part's elements hang from. */
  kids: PDFArray;
  documentRef: PDFRef;
  /** The parent tree's Nums: each page's StructParents key and its marked content's elements. */
  nums: PDFArray;
  nextKey: number;
}
const structures = new WeakMap<PDFDocument, MergedStructure>();

function mergedStructure(pdf: PDFDocument): MergedStructure {
  let s = structures.get(pdf);
  if (s) return s;
  const { context: ctx, catalog } = pdf;
  const { PDFName } = pdfLib();
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const kids = ctx.obj([]);
  const nums = ctx.obj([]);
  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }));
  const root = ctx.obj({ Type: 'StructTreeRoot', K: [documentRef], ParentTree: ctx.obj({ Nums: nums }) });
  ctx.assign(rootRef, root);
  catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  s = { root, kids, documentRef, nums, nextKey: 0 };
  structures.set(pdf, s);
  return s;
}

/**
 * Appends every page of `source` unchanged (for pages we typeset ourselves at Letter size),
 * with its structure tree when it is tagged: pdf-lib's copyPages leaves the tree behind, so
 * the pages and the elements are copied by one copier (an element's page reference then
 * points at the copied page) and each page's parent-tree entry is renumbered after the
 * parts before it. The packet's letter so stays tagged for a screen reader.
 */
export async function appendPages(target: PDFDocument, source: Uint8Array | PDFDocument): Promise<number> {
  const lib = pdfLib();
  const { PDFName, PDFNumber } = lib;
  const src =
    source instanceof lib.PDFDocument ? source : await lib.PDFDocument.load(source, { updateMetadata: false });
  const copier = lib.PDFObjectCopier.for(src.context, target.context);
  const pages = src.getPages().map((page) => {
    const ref = copier.copy(page.ref);
    const copied = lib.PDFPage.of(target.context.lookup(ref) as PDFPageLeaf, ref, target);
    target.addPage(copied);
    return { source: page, copied };
  });

  const tree = src.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), lib.PDFDict);
  if (!tree) return pages.length;
  const merged = mergedStructure(target);
  const top = tree.lookup(PDFName.of('K'));
  const listed = (dict: PDFDict, value: unknown) =>
    value instanceof lib.PDFArray ? value.asArray() : [dict.get(PDFName.of('K'))].filter((k) => k !== undefined);
  // The part's own Document element is not copied: its children join the merged one.
  for (const el of listed(tree, top).flatMap((ref) => {
    const dict = src.context.lookup(ref, lib.PDFDict);
    return listed(dict, dict.lookup(PDFName.of('K')));
  })) {
    src.context.lookup(el, lib.PDFDict).delete(PDFName.of('P'));
    const copied = copier.copy(el);
    target.context.lookup(copied, lib.PDFDict).set(PDFName.of('P'), merged.documentRef);
    merged.kids.push(copied);
  }
  const parentTree = tree.lookup(PDFName.of('ParentTree'), lib.PDFDict);
  const nums = parentTree.lookup(PDFName.of('Nums'), lib.PDFArray);
  const entries = new Map<number, PDFArray>();
  for (let k = 0; k + 1 < nums.size(); k += 2)
    entries.set(nums.lookup(k, PDFNumber).asNumber(), nums.lookup(k + 1, lib.PDFArray));
  for (const { source: page, copied } of pages) {
    const key = page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
    const entry = key === undefined ? undefined : entries.get(key);
    if (!entry) continue;
    copied.node.set(PDFName.of('StructParents'), PDFNumber.of(merged.nextKey));
    merged.nums.push(PDFNumber.of(merged.nextKey));
    merged.nums.push(copier.copy(entry));
    merged.nextKey++;
  }
  merged.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(merged.nextKey));
  return pages.length;
}

/**
 * Appends every page of `source` scaled onto a Letter page between a header band and a
 * footer band, so stamped labels never cover the original content, whatever its size or
 * rotation.
 */
export async function appendFitted(target: PDFDocument, source: PDFDocument): Promise<number> {
  const pages = source.getPages();
  const embedded = await target.embedPages(pages);
  embedded.forEach((form, k) => {
    const rotation = ((pages[k].getRotation().angle % 360) + 360) % 360;
    const turned = rotation === 90 || rotation === 270;
    const w = turned ? form.height : form.width;
    const h = turned ? form.width : form.height;
    const boxW = LETTER_SIZE.width - 36;
    const boxH = LETTER_SIZE.height - HEADER_BAND - FOOTER_BAND;
    const scale = Math.min(boxW / w, boxH / h, 1.5);
    const drawnW = w * scale;
    const drawnH = h * scale;
    const x0 = (LETTER_SIZE.width - drawnW) / 2;
    const y0 = FOOTER_BAND + (boxH - drawnH) / 2;
    // Rotate about the box corner so a page marked /Rotate reads upright, as a viewer shows it.
    const corners: Record<number, [number, number]> = {
      0: [x0, y0],
      90: [x0, y0 + drawnH],
      180: [x0 + drawnW, y0 + drawnH],
      270: [x0 + drawnW, y0],
    };
    const origin = corners[rotation] ?? [x0, y0];
    const page = target.addPage([LETTER_SIZE.width, LETTER_SIZE.height]);
    page.drawPage(form, {
      x: origin[0],
      y: origin[1],
      xScale: scale,
      yScale: scale,
      rotate: pdfLib().degrees(-rotation),
    });
  });
  return embedded.length;
}

/** A line of text to draw on a page of the merged file. */
export interface Stamp {
  text: string;
  /** `watermark`: large, light and diagonal across the middle of the page (a draft). */
  position: 'footer' | 'header' | 'watermark';
  size?: number;
}

function drawStamp(page: PDFPage, font: PDFFont, stamp: Stamp): void {
  const { width, height } = page.getSize();
  // A stamp is page furniture, not content: marked as an artifact so a screen reader skips it.
  page.pushOperators(pdfLib().beginMarkedContent('Artifact'));
  drawStampText(page, font, stamp, width, height);
  page.pushOperators(pdfLib().endMarkedContent());
}

function drawStampText(page: PDFPage, font: PDFFont, stamp: Stamp, width: number, height: number): void {
  if (stamp.position === 'watermark') {
    const size = stamp.size ?? 110;
    const text = drawableText(stamp.text);
    // Centred on the page along its 45° diagonal; grey and see-through so the text under it stays legible.
    const half = font.widthOfTextAtSize(text, size) / 2;
    const lift = font.heightAtSize(size) / 3;
    page.drawText(text, {
      x: width / 2 - (half - lift) * Math.SQRT1_2,
      y: height / 2 - (half + lift) * Math.SQRT1_2,
      size,
      font,
      rotate: pdfLib().degrees(45),
      color: pdfLib().rgb(0.75, 0.75, 0.75),
      opacity: 0.35,
    });
    return;
  }
  const size = stamp.size ?? 8;
  let text = drawableText(stamp.text);
  const max = width - 72;
  while (font.widthOfTextAtSize(text, size) > max && text.length > 4) text = `${text.slice(0, -2)}…`;
  const textWidth = font.widthOfTextAtSize(text, size);
  const y = stamp.position === 'footer' ? FOOTER_Y : height - 20;
  const x = stamp.position === 'footer' ? (width - textWidth) / 2 : 36;
  page.drawText(text, { x, y, size, font });
}

/** Draws each page's stamps (footers, exhibit labels), as returned by `stampsFor(pageIndex, pageCount)`. */
export async function stampPages(
  pdf: PDFDocument,
  stampsFor: (index: number, count: number) => Stamp[],
): Promise<void> {
  pdf.registerFontkit(fontkit());
  // A fixed subset name: pdf-lib would otherwise add a random one, and the same inputs must give the same bytes.
  const font = await pdf.embedFont(fontBytes('regular'), { subset: true, customName: 'OVTSTP+Arimo-Regular' });
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    for (const stamp of stampsFor(i, pages.length)) drawStamp(page, font, stamp);
  });
}

/** The standard footer on every page: "Page N of M · reference · confidentiality notice". */
export function footerStamp(index: number, count: number, reference: string): Stamp {
  return { text: footerText(index + 1, count, reference), position: 'footer' };
}

/** One bookmark: a title and the 0-based page it opens, optionally with children one level down. */
export interface OutlineEntry {
  title: string;
  pageIndex: number;
  children?: OutlineEntry[];
}

/** Writes the document outline (bookmarks) and asks viewers to show it. */
export function addOutline(pdf: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const ctx = pdf.context;
  const pages = pdf.getPages();
  const rootRef = ctx.nextRef();
  const writeLevel = (items: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = items.length;
    items.forEach((item, k) => {
      const dict = ctx.obj({
        Title: pdfLib().PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [pages[item.pageIndex].ref, pdfLib().PDFName.of('Fit')],
      });
      if (k > 0) dict.set(pdfLib().PDFName.of('Prev'), refs[k - 1]);
      if (k < items.length - 1) dict.set(pdfLib().PDFName.of('Next'), refs[k + 1]);
      if (item.children?.length) {
        const sub = writeLevel(item.children, refs[k]);
        dict.set(pdfLib().PDFName.of('First'), sub.first);
        dict.set(pdfLib().PDFName.of('Last'), sub.last);
        dict.set(pdfLib().PDFName.of('Count'), ctx.obj(sub.count));
        count += sub.count;
      }
      ctx.assign(refs[k], dict);
    });
    return { first: refs[0], last: refs[refs.length - 1], count };
  };
  const top = writeLevel(entries, rootRef);
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  pdf.catalog.set(pdfLib().PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(pdfLib().PDFName.of('PageMode'), pdfLib().PDFName.of('UseOutlines'));
}

/**
 * Serialises the merged file. `fileId` (hex) becomes the trailer /ID, so that two files from
 * the same inputs are identical and two different ones are told apart.
 */
export async function saveMergedPdf(pdf: PDFDocument, fileId: string): Promise<Buffer> {
  const id = pdfLib().PDFHexString.of(fileId);
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
  return Buffer.from(await pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
}
