import { createPdf, renderPdf, addFooters, type PdfMeta } from './render-pdf.js';
import { drawBlocks } from './layout.js';
import type { Block } from './markup.js';

/**
 * A complete single document from blocks: laid out, footed on every page ("Page N of M ·
 * reference · confidentiality notice") and rendered. For documents that are not merged with
 * others (a peer-to-peer prep sheet); a packet stamps its footers after merging instead.
 */
export async function typesetDocument(blocks: Block[], options: { meta: PdfMeta; reference: string }): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = createPdf(options.meta, { bufferPages: true });
  drawBlocks(doc, blocks);
  const pageCount = doc.bufferedPageRange().count;
  addFooters(doc, options.reference);
  return { pdf: await renderPdf(doc), pageCount };
}
