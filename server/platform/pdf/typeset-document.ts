import { createPdf, renderPdf, addFooters, type PdfMeta } from './render-pdf.js';
import { drawBlocks, COMPACT_TYPE, STANDARD_TYPE, type Typography } from './layout.js';
import type { Block } from './markup.js';

/**
 * A complete single document from blocks: laid out, footed on every page ("Page N of M ·
 * reference · confidentiality notice") and rendered. For documents that are not merged with
 * others (a peer-to-peer prep sheet); a packet stamps its footers after merging instead. With
 * `maxPages`, a document that runs longer is set again in compact type, and kept so if that
 * is shorter.
 */
export async function typesetDocument(
  blocks: Block[],
  options: { meta: PdfMeta; reference: string; maxPages?: number },
): Promise<{ pdf: Buffer; pageCount: number }> {
  const standard = layOut(blocks, options.meta, STANDARD_TYPE);
  const chosen =
    options.maxPages !== undefined && standard.pageCount > options.maxPages
      ? shorter(standard, layOut(blocks, options.meta, COMPACT_TYPE))
      : standard;
  addFooters(chosen.doc, options.reference);
  return { pdf: await renderPdf(chosen.doc), pageCount: chosen.pageCount };
}

function layOut(blocks: Block[], meta: PdfMeta, typography: Typography) {
  const doc = createPdf(meta, { bufferPages: true });
  drawBlocks(doc, blocks, typography);
  return { doc, pageCount: doc.bufferedPageRange().count };
}

const shorter = <T extends { pageCount: number }>(a: T, b: T): T => (b.pageCount < a.pageCount ? b : a);
