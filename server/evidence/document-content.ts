import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdf } from '../platform/pdf/index.js';
import { AppError, errorFields, unprocessable } from '../platform/errors.js';
import { DamagedImageError, jpegInfo, pngInfo, type ImageInfo } from './image-info.js';
import type { EvidenceMediaType } from './evidence.types.js';

/**
 * What is inside an uploaded file: its pages and their text. A file that cannot be read as
 * what it is (a PDF cut off in transfer, a password-protected PDF, a damaged scan) is refused
 * with 422 here, at upload, rather than failing later when a packet is assembled.
 */
export interface DocumentContent {
  pageCount: number;
  /** Text per page; empty for images (no OCR) and for scanned PDF pages. */
  pages: string[];
  width?: number;
  height?: number;
}

/**
 * How a text note is cut into pages when it has no form feeds: about one printed page of
 * 50 lines of 90 characters, so "p. 2" of a text note means roughly what it would on paper.
 */
export const TEXT_PAGE_LINES = 50;
export const TEXT_PAGE_COLUMNS = 90;

export async function readDocumentContent(bytes: Buffer, mediaType: EvidenceMediaType): Promise<DocumentContent> {
  switch (mediaType) {
    case 'application/pdf':
      return readPdf(bytes);
    case 'text/plain': {
      const pages = splitTextPages(decodeText(bytes));
      if (!pages.length) throw unprocessable('EMPTY_FILE', 'The text file holds no text');
      return { pageCount: pages.length, pages };
    }
    case 'image/png':
      return { pageCount: 1, pages: [], ...readImage(() => pngInfo(bytes)) };
    case 'image/jpeg':
      return { pageCount: 1, pages: [], ...readImage(() => jpegInfo(bytes)) };
  }
}

function readImage(read: () => ImageInfo): ImageInfo {
  try {
    return read();
  } catch (err) {
    if (err instanceof DamagedImageError)
      throw unprocessable('DAMAGED_IMAGE', `The image cannot be used: ${err.message}. Scan or export it again.`);
    throw err;
  }
}

/** The text of a UTF-8 file with its byte-order mark dropped and line endings made uniform. */
export function decodeText(bytes: Buffer): string {
  return new TextDecoder('utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
}

/** Pages of a text note: form feeds break pages; otherwise every `TEXT_PAGE_LINES` printed lines. */
export function splitTextPages(text: string): string[] {
  const pages: string[] = [];
  const pageChars = TEXT_PAGE_LINES * TEXT_PAGE_COLUMNS;
  for (const section of text.split('\f')) {
    let page: string[] = [];
    let used = 0;
    const flush = () => {
      if (page.join('').trim()) pages.push(page.join('\n').replace(/\s+$/, ''));
      page = [];
      used = 0;
    };
    for (const line of section.split('\n')) {
      // A line longer than a page (a file with no line breaks) is cut into page-sized pieces.
      for (let start = 0; start === 0 || start < line.length; start += pageChars) {
        const piece = line.slice(start, start + pageChars);
        const rows = Math.max(1, Math.ceil(piece.length / TEXT_PAGE_COLUMNS));
        if (used + rows > TEXT_PAGE_LINES) flush();
        page.push(piece);
        used += rows;
      }
    }
    flush();
  }
  return pages;
}

/** PDF readers look for the end-of-file marker within the last 1024 bytes (ISO 32000-1 §7.5.5). */
function hasEndMarker(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1');
}

async function readPdf(bytes: Buffer): Promise<DocumentContent> {
  if (!hasEndMarker(bytes))
    throw unprocessable(
      'INCOMPLETE_PDF',
      'The PDF is incomplete: it has no end-of-file marker. Upload the whole file again.',
    );
  const pages = await pdfPagesText(bytes);
  // Packets merge PDFs with pdf-lib: a file it cannot open, or counts differently, is refused now.
  let mergeable: number;
  try {
    mergeable = (await loadPdf(new Uint8Array(bytes))).getPageCount();
  } catch (err) {
    if (/encrypt/i.test(String(errorFields(err).message))) throw encrypted();
    throw unreadable();
  }
  if (mergeable !== pages.length) throw unreadable();
  return { pageCount: pages.length, pages };
}

const unreadable = () =>
  unprocessable('UNREADABLE_PDF', 'The PDF is damaged and cannot be read. Print it to a new PDF and upload that.');
const encrypted = () =>
  unprocessable(
    'ENCRYPTED_PDF',
    'The PDF is protected by a password or encryption. Save an unprotected copy and upload that.',
  );

/** pdf.js's character maps: text in fonts with predefined (mostly CJK) encodings needs them. */
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PDFJS_OPTIONS = {
  cMapUrl: `${PDFJS_DIR}/cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
};

/** Text per page with pdf.js, lines kept where the PDF ends them. */
async function pdfPagesText(bytes: Buffer): Promise<string[]> {
  // pdf.js may take ownership of the buffer it is given, so it gets a copy.
  const task = pdfjs.getDocument({ ...PDFJS_OPTIONS, data: new Uint8Array(bytes) });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items
          .filter((item): item is TextItem => 'str' in item)
          .map((item) => item.str + (item.hasEOL ? '\n' : ''))
          .join('')
          .trim(),
      );
    }
    if (!pages.length) throw unreadable();
    return pages;
  } catch (err) {
    if (errorFields(err).name === 'PasswordException') throw encrypted();
    throw err instanceof AppError ? err : unreadable();
  } finally {
    await task.destroy();
  }
}
