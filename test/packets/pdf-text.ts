/** Text of each page of a PDF, as a reader (or a payer's OCR) would get it, via pdfjs-dist. */
import path from 'node:path';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function pdfPagesText(bytes: Buffer): Promise<string[]> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' '),
    );
  }
  await doc.destroy();
  return pages;
}

/** Outline titles and metadata of a PDF. */
export async function pdfOutlineAndInfo(
  bytes: Buffer,
): Promise<{ outline: Array<{ title: string; items: Array<{ title: string }> }>; info: Record<string, unknown> }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const outline = ((await doc.getOutline()) ?? []) as Array<{ title: string; items: Array<{ title: string }> }>;
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { outline, info: info as Record<string, unknown> };
}
