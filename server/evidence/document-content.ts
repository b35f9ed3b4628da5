import type { Config } from '../config.js';
import { unprocessable } from '../platform/errors.js';
import { isObject } from '../platform/guards.js';
import { taskFile, workerPool } from '../platform/workers/worker-pool.js';
import { DamagedImageError, jpegInfo, pngInfo, tiffInfo, type ImageInfo, type TiffInfo } from './image-info.js';
import type { EvidenceMediaType } from './evidence.types.js';
import type { ExtractTextResult, OverLimit } from './extract-text.task.js';

export { TEXT_PAGE_LINES, TEXT_PAGE_COLUMNS, decodeText, splitTextPages } from './text-pages.js';

/**
 * What is inside an uploaded file: its pages and their text. A file that cannot be read as
 * what it is (a PDF cut off in transfer, a password-protected PDF, a damaged scan) is refused
 * with 422 here, at upload, rather than failing later when a packet is assembled. A file over
 * one of the clinic's limits for reading text is kept, flagged with the reason, without text.
 */
export interface DocumentContent {
  pageCount: number;
  /**
   * The file's own text per page: empty for images and for a flagged document, `''` for a PDF
   * page without a text layer (both read by OCR afterwards, see `document-reading.ts`).
   */
  pages: string[];
  /** Why the text was not extracted, e.g. "text not extracted: 20,000 pages is over the limit of 2,000". */
  textFlag?: string;
  width?: number;
  height?: number;
}

type ReadSettings = Pick<Config, 'workers' | 'textExtraction'>;

export async function readDocumentContent(
  bytes: Buffer,
  mediaType: EvidenceMediaType,
  settings: ReadSettings,
): Promise<DocumentContent> {
  switch (mediaType) {
    case 'application/pdf':
      if (!hasEndMarker(bytes))
        throw unprocessable(
          'INCOMPLETE_PDF',
          'The PDF is incomplete: it has no end-of-file marker. Upload the whole file again.',
        );
      return extractText(bytes, mediaType, settings);
    case 'text/plain':
      return extractText(bytes, mediaType, settings);
    case 'image/png':
      return scanContent(readImage(() => pngInfo(bytes)));
    case 'image/jpeg':
      return scanContent(readImage(() => jpegInfo(bytes)));
    case 'image/tiff':
      return tiffContent(
        readImage(() => tiffInfo(bytes)),
        settings,
      );
  }
}

/** An image over this many pixels (a 40-megapixel photo) is not read: OCR's memory grows with it. */
const MAX_OCR_PIXELS = 40_000_000;

/** An image is one page, its text read later by OCR unless it is too large for it. */
function scanContent(info: ImageInfo): DocumentContent {
  const over = overPixels(info);
  return { pageCount: 1, pages: [], ...info, ...(over ? { textFlag: `text not extracted: ${over}` } : {}) };
}

/** Why an image is not read by OCR, or `undefined` when it can be. */
function overPixels({ width, height }: ImageInfo, page?: number): string | undefined {
  const megapixels = (width * height) / 1e6;
  if (megapixels * 1e6 <= MAX_OCR_PIXELS) return undefined;
  const image = page ? `page ${count(page)}` : 'the image';
  return `${image} is ${Math.round(megapixels)} megapixels, over the limit of ${MAX_OCR_PIXELS / 1e6} for OCR`;
}

/**
 * A TIFF has as many pages as images (a fax is one file of many), each read later by OCR, within
 * the limits a PDF's pages are: too many pages, or one too large, and none is read.
 */
function tiffContent({ pages, width, height }: TiffInfo, { textExtraction: limits }: ReadSettings): DocumentContent {
  const pageCount = pages.length;
  const over =
    pageCount > limits.maxPages
      ? `${count(pageCount)} pages is over the limit of ${count(limits.maxPages)}`
      : pages.map((page, i) => overPixels(page, i + 1)).find(Boolean);
  return { pageCount, pages: [], width, height, ...(over ? { textFlag: `text not extracted: ${over}` } : {}) };
}

function readImage<T extends ImageInfo>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof DamagedImageError)
      throw unprocessable('DAMAGED_IMAGE', `The image cannot be used: ${err.message}. Scan or export it again.`);
    throw err;
  }
}

/** PDF readers look for the end-of-file marker within the last 1024 bytes (ISO 32000-1 §7.5.5). */
function hasEndMarker(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1');
}

const EXTRACT_TEXT = taskFile(import.meta.url, 'extract-text');
const MIB = 1024 * 1024;

/**
 * Pages and text of a PDF or text note, read by a worker thread (pdf.js on a hostile file can take
 * minutes and gigabytes) within the clinic's limits.
 */
async function extractText(
  bytes: Buffer,
  mediaType: 'application/pdf' | 'text/plain',
  settings: ReadSettings,
): Promise<DocumentContent> {
  const { workers, textExtraction: limits } = settings;
  let toldPageCount: number | undefined;
  const outcome = await workerPool(workers).run<ExtractTextResult>(
    EXTRACT_TEXT,
    { bytes: new Uint8Array(bytes), mediaType, limits, bufferBytes: workers.memoryMb * MIB },
    {
      timeoutMs: limits.timeoutSeconds * 1000,
      onMessage: (message) => {
        if (isObject(message) && typeof message.pageCount === 'number') toldPageCount = message.pageCount;
      },
    },
  );
  const result: ExtractTextResult | { pageCount?: number; over: StoppedAt } = outcome.ok
    ? outcome.value
    : { over: { limit: outcome.limit } };
  if ('refused' in result) throw refusal(result.refused);
  if ('pages' in result) return { pageCount: result.pageCount, pages: result.pages };
  const pageCount = result.pageCount ?? toldPageCount;
  const reason = overLimitReason(result.over, settings);
  // Without even a page count the file is no document a packet could use: refused, saying why.
  if (!pageCount)
    throw unprocessable(
      'DOCUMENT_OVER_LIMITS',
      `The file cannot be opened within this service's limits: ${reason}. ` +
        'Print or save it to a new file and upload that.',
    );
  return { pageCount, pages: [], textFlag: `text not extracted: ${reason}` };
}

function refusal(refused: 'unreadable' | 'encrypted' | 'empty') {
  switch (refused) {
    case 'unreadable':
      return unprocessable(
        'UNREADABLE_PDF',
        'The PDF is damaged and cannot be read. Print it to a new PDF and upload that.',
      );
    case 'encrypted':
      return unprocessable(
        'ENCRYPTED_PDF',
        'The PDF is protected by a password or encryption. Save an unprotected copy and upload that.',
      );
    case 'empty':
      return unprocessable('EMPTY_FILE', 'The text file holds no text');
  }
}

/** A limit the task found, or the one its worker was ended by. */
type StoppedAt = OverLimit | { limit: 'memory' | 'time' };

const count = (n: number) => n.toLocaleString('en-US');

/** The limit a document went over, in words a clinic can act on. */
function overLimitReason(over: StoppedAt, { workers, textExtraction: limits }: ReadSettings) {
  switch (over.limit) {
    case 'pages':
      return `${count(over.count)} pages is over the limit of ${count(limits.maxPages)}`;
    case 'pageChars':
      return `page ${count(over.page)} has more than ${count(limits.maxPageChars)} characters, the limit for one page`;
    case 'chars':
      return `its text is over the limit of ${count(limits.maxChars)} characters for one document`;
    case 'memory':
      return `reading it needs more than the ${count(workers.memoryMb)} MB of memory allowed`;
    case 'time': {
      const seconds = limits.timeoutSeconds;
      return `reading it took longer than the ${count(seconds)} second${seconds === 1 ? '' : 's'} allowed`;
    }
  }
}
