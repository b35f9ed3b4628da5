/**
 * The JPEG a scanned PDF page is made of, when the page is nothing but that one image drawn
 * upright, as render-notices.ts writes its scans: fax-tiff.ts makes its TIFF fixtures from it.
 * Anything else on the page, or an image that is not a plain 8-bit grey or RGB JPEG, answers
 * `undefined`. Pure: no I/O.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream, type PDFPage } from 'pdf-lib';

/** The page's image, and the size it is drawn at on the page, in PDF units (72 to the inch). */
export interface ScannedPageImage {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

type Matrix = [number, number, number, number, number, number];

/** The one JPEG image that is the whole content of `page`, or `undefined`. */
export function scannedPageImage(page: PDFPage): ScannedPageImage | undefined {
  if (page.getRotation().angle % 360 !== 0) return undefined;
  const content = pageContent(page);
  const drawn = content === undefined ? undefined : onlyImageDrawn(content);
  if (!drawn) return undefined;
  const [a, b, c, d] = drawn.matrix;
  // Upright and not mirrored: a turned or flipped image is left to pdf.js, which draws it as shown.
  if (b !== 0 || c !== 0 || a <= 0 || d <= 0) return undefined;
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const image = xObjects?.lookup(PDFName.of(drawn.name));
  if (!(image instanceof PDFRawStream) || !isPlainJpeg(image.dict)) return undefined;
  return { jpeg: image.contents, width: a, height: d };
}

/** The page's content streams decoded and joined; `undefined` when one cannot be read. */
function pageContent(page: PDFPage): string | undefined {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.node.context.lookup(ref)) : [contents];
  const parts: string[] = [];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return undefined;
    try {
      parts.push(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
    } catch {
      // A filter pdf-lib does not decode, or a stream refused a buffer: pdf.js draws the page.
      return undefined;
    }
  }
  return parts.join('\n');
}

/**
 * The image a content stream draws and where, when it does nothing else: only `q`, `Q`, `cm`
 * and one `Do`. Any other operator (text, paths, clipping, inline images) or delimiter
 * (strings, arrays, dictionaries, comments) answers `undefined`.
 */
export function onlyImageDrawn(content: string): { name: string; matrix: Matrix } | undefined {
  if (/[[\]<>(){}%]/.test(content)) return undefined;
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  let operands: string[] = [];
  let drawn: { name: string; matrix: Matrix } | undefined;
  for (const token of content.split(/\s+/).filter(Boolean)) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || /^\/[^/]+$/.test(token)) {
      operands.push(token);
      continue;
    }
    if (token === 'q' && !operands.length) saved.push(matrix);
    else if (token === 'Q' && !operands.length && saved.length) matrix = saved.pop()!;
    else if (token === 'cm' && operands.length === 6 && operands.every((o) => !o.startsWith('/')))
      matrix = multiply(operands.map(Number) as Matrix, matrix);
    else if (token === 'Do' && operands.length === 1 && operands[0].startsWith('/') && !drawn)
      drawn = { name: operands[0].slice(1), matrix };
    else return undefined;
    operands = [];
  }
  return operands.length ? undefined : drawn;
}

/** `m` then `ctm`, as PDF's `cm` concatenates a matrix to the current transformation. */
function multiply([a1, b1, c1, d1, e1, f1]: Matrix, [a2, b2, c2, d2, e2, f2]: Matrix): Matrix {
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

/** A JPEG of 8-bit grey or RGB shown as it is: no mask, no decode array, no CMYK (whose inversion varies). */
function isPlainJpeg(dict: PDFDict): boolean {
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray().map((f) => dict.context.lookup(f)) : [filter];
  if (filters.length !== 1 || filters[0] !== PDFName.of('DCTDecode')) return false;
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return false;
  if (dict.lookupMaybe(PDFName.of('BitsPerComponent'), PDFNumber)?.asNumber() !== 8) return false;
  if (['ImageMask', 'Mask', 'SMask', 'Decode'].some((key) => dict.has(PDFName.of(key)))) return false;
  const space = dict.lookup(PDFName.of('ColorSpace'));
  if (space === PDFName.of('DeviceGray') || space === PDFName.of('DeviceRGB')) return true;
  // An embedded ICC profile of one or three components: grey or RGB with a calibration OCR does not need.
  if (!(space instanceof PDFArray) || space.lookup(0) !== PDFName.of('ICCBased')) return false;
  const profile = space.lookup(1);
  const components = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
  return components instanceof PDFNumber && [1, 3].includes(components.asNumber());
}
