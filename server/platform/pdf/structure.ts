/**
 * The structure tree of a tagged pdfkit document: every piece of content drawn by `drawBlocks`
 * and `drawTable` sits in a structure element (H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD) under
 * one Document element, in reading order, and what carries no meaning (rules, table borders,
 * page footers) is marked as an artifact, so a screen reader reads the letter and skips the
 * furniture.
 */

const roots = new WeakMap<PDFKit.PDFDocument, PDFKit.PDFStructureElement>();

/** Opens the Document element every later element hangs from (called by `createPdf`). */
export function openStructure(doc: PDFKit.PDFDocument): void {
  const root = doc.struct('Document');
  doc.addStructure(root);
  roots.set(doc, root);
}

/** The document's top structure element (pdfkit ends it, and all under it, with the document). */
export function structureRoot(doc: PDFKit.PDFDocument): PDFKit.PDFStructureElement {
  const root = roots.get(doc);
  if (!root) throw new Error('The PDF was not made by createPdf, so it has no structure tree');
  return root;
}

/** A new structure element of `type` under `parent`; give `draw` for its content, or add children and end it. */
export function element(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: string,
  draw?: () => void,
  options: { alt?: string; scope?: 'Row' | 'Column' } = {},
): PDFKit.PDFStructureElement {
  const el = doc.struct(type, options as Parameters<PDFKit.PDFDocument['struct']>[1]);
  parent.add(el);
  if (draw) {
    el.add(draw);
    el.end();
  }
  return el;
}

/** Draws what is not content (a border, a rule, a footer) as an artifact, outside the structure tree. */
export function artifact(doc: PDFKit.PDFDocument, type: 'Layout' | 'Pagination', draw: () => void): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
