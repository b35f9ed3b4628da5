/**
 * The text of a file page by page, each page saying how it was obtained: the file's own text
 * where it has some (a PDF's text layer, a text note's characters), OCR where it has none (a
 * scanned PDF page, a PNG, JPEG or TIFF scan). `readDocumentText` does it all at once for a caller
 * that waits (denial notices); an upload reads its text layer at once and its scans in the
 * background (`text-reading.service.ts`), through the same `readScannedPages`.
 */
import fs from 'node:fs/promises';
import type { Config } from '../config.js';
import { taskFile, workerPool } from '../platform/workers/worker-pool.js';
import { identifyContent, type DeclaredType } from './content-check.js';
import { readDocumentContent, type DocumentContent } from './document-content.js';
import { recognizePage } from './ocr-engine.js';
import type { EvidenceDocument, EvidenceMediaType, PageTextSource, TextSpan } from './evidence.types.js';
import type { ScanImageResult } from './scan-image.task.js';

/** One page's text, with where it came from and, for OCR, Tesseract's mean word confidence (0–100). */
export interface PageText {
  /** 1-based. */
  page: number;
  text: string;
  source: PageTextSource;
  confidence?: number;
  /** OCR only: where the words Tesseract was unsure of are in `text`; absent on pages read before it was kept. */
  unsure?: TextSpan[];
}

/** A file's text by page. */
export interface DocumentText {
  mediaType: EvidenceMediaType;
  pageCount: number;
  /** Every page, in order, unless `textFlag` says the text was not extracted (then none). */
  pages: PageText[];
  /** Why text is missing: over a limit, or "page 2 has no readable text". */
  textFlag?: string;
}

type ReadSettings = Pick<Config, 'workers' | 'textExtraction'>;

/** Scans are drawn at 300 dpi, the resolution Tesseract is trained for. */
const OCR_DPI = 300;
/** A page drawn larger than this on its long side (over 16 inches at 300 dpi) is drawn smaller. */
const MAX_SIDE_PIXELS = 5000;
const SCAN_IMAGE = taskFile(import.meta.url, 'scan-image');
const MIB = 1024 * 1024;

/**
 * The text of a file (a path or its bytes), by page, with each page's source and confidence.
 * OCR runs off the calling thread; a scanned page with nothing readable has `text: ''` and is
 * named in `textFlag`. A file refused at upload (damaged, encrypted, of another type) is refused
 * here with the same 415/422.
 * @param options.mediaType - what the bytes are, when already checked; found from them otherwise
 * @param options.declared - the type and name extension the client sent, refused (415) when the bytes are another
 * @param options.onProgress - told each page as OCR starts on it
 */
export async function readDocumentText(
  input: string | Buffer,
  settings: ReadSettings,
  options: {
    mediaType?: EvidenceMediaType;
    declared?: DeclaredType;
    onProgress?: (progress: TextProgress) => void;
  } = {},
): Promise<DocumentText> {
  const bytes = typeof input === 'string' ? await fs.readFile(input) : input;
  const mediaType = options.mediaType ?? (await identifyContent(bytes, options.declared ?? {}));
  const content = await readDocumentContent(bytes, mediaType, settings);
  const { pageCount } = content;
  if (content.textFlag) return { mediaType, pageCount, pages: [], textFlag: content.textFlag };
  const pages = ownTextPages(content, mediaType);
  const scans = pagesToScan(content, mediaType);
  await readScannedPages(bytes, mediaType, scans, settings, {
    starting: (page) => options.onProgress?.({ page, pageCount }),
    read: (page) => {
      pages.push(page);
    },
  });
  pages.sort((a, b) => a.page - b.page);
  const textFlag = unreadablePagesFlag(pages);
  return { mediaType, pageCount, pages, ...(textFlag ? { textFlag } : {}) };
}

/** Which page OCR is on, of the document's pages: "reading text… page 3 of 12". */
export type TextProgress = NonNullable<EvidenceDocument['textProgress']>;

/** The pages that have text of their own. */
export function ownTextPages(content: DocumentContent, mediaType: EvidenceMediaType): PageText[] {
  const scans = new Set(pagesToScan(content, mediaType));
  return content.pages.flatMap((text, i) =>
    scans.has(i + 1) ? [] : [{ page: i + 1, text, source: 'text_layer' as const }],
  );
}

/**
 * The pages to read by OCR: an image's one page, a TIFF's every page, a PDF's pages without a text
 * layer; none over a limit.
 */
export function pagesToScan(content: DocumentContent, mediaType: EvidenceMediaType): number[] {
  if (content.textFlag) return [];
  switch (mediaType) {
    case 'image/png':
    case 'image/jpeg':
      return [1];
    case 'image/tiff':
      return Array.from({ length: content.pageCount }, (_, i) => i + 1);
    case 'application/pdf':
      return content.pages.flatMap((text, i) => (text.trim() ? [] : [i + 1]));
    case 'text/plain':
      return [];
  }
}

/**
 * Reads `pageNumbers` of a scanned file by OCR, one after another. Each page's image is made
 * ready in a worker (pool task `scan-image`, within the memory and time limits of text
 * extraction): a PDF page drawn, speckle taken out. A page that cannot be made ready or read in
 * time comes back empty.
 */
export async function readScannedPages(
  bytes: Buffer,
  mediaType: EvidenceMediaType,
  pageNumbers: number[],
  settings: ReadSettings,
  on: { starting: (page: number) => void | Promise<void>; read: (page: PageText) => void | Promise<void> },
): Promise<void> {
  const timeoutMs = settings.textExtraction.timeoutSeconds * 1000;
  for (const page of pageNumbers) {
    await on.starting(page);
    const image = await scanImage(bytes, mediaType, page, settings);
    const recognized = image ? await recognizePage(image, timeoutMs) : 'time';
    await on.read(
      recognized === 'time'
        ? { page, text: '', source: 'ocr' }
        : { page, text: recognized.text, source: 'ocr', confidence: recognized.confidence, unsure: recognized.unsure },
    );
  }
}

async function scanImage(
  bytes: Buffer,
  mediaType: EvidenceMediaType,
  page: number,
  settings: ReadSettings,
): Promise<Uint8Array | null> {
  const { workers, textExtraction } = settings;
  const outcome = await workerPool(workers).run<ScanImageResult>(
    SCAN_IMAGE,
    {
      bytes: new Uint8Array(bytes),
      ...(mediaType === 'application/pdf' ? { page } : mediaType === 'image/tiff' ? { tiffPage: page } : {}),
      dpi: OCR_DPI,
      maxSidePixels: MAX_SIDE_PIXELS,
      bufferBytes: workers.memoryMb * MIB,
    },
    { timeoutMs: textExtraction.timeoutSeconds * 1000 },
  );
  return outcome.ok && 'png' in outcome.value ? outcome.value.png : null;
}

/** "page 2 has no readable text", naming every OCR'd page that came back empty; undefined when none did. */
export function unreadablePagesFlag(pages: Pick<PageText, 'page' | 'text' | 'source'>[]): string | undefined {
  const empty = pages.filter((p) => p.source === 'ocr' && !p.text.trim()).map((p) => p.page);
  if (!empty.length) return undefined;
  if (empty.length === 1) return `page ${empty[0]} has no readable text`;
  const shown = empty.slice(0, 10);
  const rest = empty.length - shown.length;
  const list = rest
    ? `${shown.join(', ')} and ${rest} more`
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `pages ${list} have no readable text`;
}
