/**
 * The pages of a TIFF, as faxes and document scanners write them: CCITT G3/G4 bilevel, LZW,
 * deflate, PackBits, JPEG or uncompressed grey and RGB, one image per page. `tiffPages` walks
 * the file's directories (pure, no decoding) so a file cut off in transfer is refused at upload
 * and each page's size and resolution is known; `squarePixels` makes a page's pixels square,
 * since a fax in standard mode is 204 × 98 dpi and would read squashed.
 */
import type { KernelEnum, Sharp } from 'sharp';

/** One page (image file directory) of a TIFF. */
export interface TiffPage {
  width: number;
  height: number;
  /** Pixels per inch across and down, when the file says (fax: 204 × 196 fine, 204 × 98 standard). */
  xDpi?: number;
  yDpi?: number;
}

/** The file is not a whole TIFF a reader can decode; the message says why, in words. */
export class DamagedTiffError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DamagedTiffError';
  }
}

/** Compressions libtiff (in sharp) decodes: none, CCITT RLE/G3/G4, LZW, JPEG, deflate, PackBits. */
const DECODABLE = new Set([1, 2, 3, 4, 5, 7, 8, 32773, 32946]);
/** Bytes of one value of each field type (TIFF 6.0 §2, BigTIFF's LONG8, SLONG8, IFD8). */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};
const TAG = {
  width: 256,
  height: 257,
  compression: 259,
  stripOffsets: 273,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  resolutionUnit: 296,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;

/** Reads the numbers of a little- or big-endian file, classic (32-bit offsets) or BigTIFF (64-bit). */
class TiffReader {
  readonly little: boolean;
  readonly big: boolean;
  constructor(readonly bytes: Buffer) {
    this.little = bytes[0] === 0x49;
    this.big = this.u16(2) === 43;
  }
  u16(at: number): number {
    return this.little ? this.bytes.readUInt16LE(at) : this.bytes.readUInt16BE(at);
  }
  u32(at: number): number {
    return this.little ? this.bytes.readUInt32LE(at) : this.bytes.readUInt32BE(at);
  }
  u64(at: number): number {
    return Number(this.little ? this.bytes.readBigUInt64LE(at) : this.bytes.readBigUInt64BE(at));
  }
  offset(at: number): number {
    return this.big ? this.u64(at) : this.u32(at);
  }
  within(at: number, length: number): boolean {
    return at >= 0 && at + length <= this.bytes.length;
  }
}

/**
 * Each page of the TIFF in `bytes`, in order, with its pixel size and resolution. Throws
 * `DamagedTiffError` when a directory, or the image data a page points to, lies past the end
 * of the file (a transfer cut short), when directories loop, or when a page is compressed in a
 * way the decoder cannot read.
 */
export function tiffPages(bytes: Uint8Array): TiffPage[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = buffer.toString('latin1', 0, 2);
  if (buffer.length < 16 || (order !== 'II' && order !== 'MM')) throw new DamagedTiffError('not a TIFF header');
  const file = new TiffReader(buffer);
  const magic = file.u16(2);
  if (magic !== 42 && !(magic === 43 && file.u16(4) === 8)) throw new DamagedTiffError('not a TIFF header');
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  for (let at = file.offset(file.big ? 8 : 4); at !== 0;) {
    if (seen.has(at)) throw new DamagedTiffError('the image directories loop');
    seen.add(at);
    const { page, next } = readDirectory(file, at, pages.length + 1);
    pages.push(page);
    at = next;
  }
  if (!pages.length) throw new DamagedTiffError('the image has no pages');
  return pages;
}

function readDirectory(file: TiffReader, at: number, pageNumber: number): { page: TiffPage; next: number } {
  const incomplete = () =>
    new DamagedTiffError(pageNumber > 1 ? `page ${pageNumber} is incomplete` : 'the image is incomplete');
  const countSize = file.big ? 8 : 2;
  const entrySize = file.big ? 20 : 12;
  if (!file.within(at, countSize)) throw incomplete();
  const entries = file.big ? file.u64(at) : file.u16(at);
  const end = at + countSize + entries * entrySize;
  if (!file.within(end, file.big ? 8 : 4)) throw incomplete();
  const fields = new Map<number, number[]>();
  for (let k = 0; k < entries; k++) {
    const entry = at + countSize + k * entrySize;
    const tag = file.u16(entry);
    if (!(Object.values(TAG) as number[]).includes(tag)) continue;
    const values = fieldValues(file, entry);
    if (!values) throw incomplete();
    fields.set(tag, values);
  }
  const width = fields.get(TAG.width)?.[0];
  const height = fields.get(TAG.height)?.[0];
  if (!width || !height) throw new DamagedTiffError(`page ${pageNumber} has no image size`);
  const compression = fields.get(TAG.compression)?.[0] ?? 1;
  if (!DECODABLE.has(compression))
    throw new DamagedTiffError(`page ${pageNumber} is compressed in a way this service cannot read (${compression})`);
  const offsets = fields.get(TAG.stripOffsets) ?? fields.get(TAG.tileOffsets);
  const counts = fields.get(TAG.stripByteCounts) ?? fields.get(TAG.tileByteCounts);
  if (!offsets?.length || offsets.length !== counts?.length)
    throw new DamagedTiffError(`page ${pageNumber} has no image data`);
  if (offsets.some((offset, i) => !file.within(offset, counts[i]))) throw incomplete();
  return { page: { width, height, ...resolution(fields) }, next: file.offset(end) };
}

/** The numeric values of one directory entry, rationals as numbers; `undefined` when they lie outside the file. */
function fieldValues(file: TiffReader, entry: number): number[] | undefined {
  const type = file.u16(entry + 2);
  const size = TYPE_SIZE[type];
  if (!size) return [];
  const count = file.big ? file.u64(entry + 4) : file.u32(entry + 4);
  const inline = file.big ? 8 : 4;
  const valueAt = file.big ? entry + 12 : entry + 8;
  const start = count * size <= inline ? valueAt : file.offset(valueAt);
  if (!file.within(start, count * size)) return undefined;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + i * size;
    if (type === 3 || type === 8) values.push(file.u16(at));
    else if (type === 4 || type === 9 || type === 13) values.push(file.u32(at));
    else if (type === 16 || type === 17 || type === 18) values.push(file.u64(at));
    else if (type === 5 || type === 10) values.push(file.u32(at) / (file.u32(at + 4) || 1));
    else values.push(file.bytes[at]);
  }
  return values;
}

/** Pixels per inch, from the resolution and its unit (2: inch, the default; 3: centimetre; 1: none). */
function resolution(fields: Map<number, number[]>): Pick<TiffPage, 'xDpi' | 'yDpi'> {
  const unit = fields.get(TAG.resolutionUnit)?.[0] ?? 2;
  const x = fields.get(TAG.xResolution)?.[0];
  const y = fields.get(TAG.yResolution)?.[0];
  if (unit === 1 || !x || !y) return {};
  const perInch = unit === 3 ? 2.54 : 1;
  return { xDpi: x * perInch, yDpi: y * perInch };
}

/** How a TIFF page is resized: to `dpi`, within `maxSidePixels`, with `kernel` (`nearest` keeps black and white). */
export interface SquarePixelOptions {
  dpi?: number;
  maxSidePixels?: number;
  kernel?: keyof KernelEnum;
}

/**
 * `image`, a TIFF page `info` describes (`sharp(bytes, { page })`), its pixels made square: brought
 * to `dpi` when given (OCR wants 300), else to the page's finer resolution, and never over
 * `maxSidePixels` on its long side. A page whose file gives no resolution is taken as it is.
 * sharp is the caller's, so this module loads no native code: the request thread only walks pages.
 */
export function squarePixels(image: Sharp, info: TiffPage, options: SquarePixelOptions = {}): Sharp {
  const { xDpi, yDpi } = info;
  if (!xDpi || !yDpi) return image;
  let dpi = options.dpi ?? Math.max(xDpi, yDpi);
  const longSide = Math.max((info.width * dpi) / xDpi, (info.height * dpi) / yDpi);
  if (options.maxSidePixels && longSide > options.maxSidePixels) dpi *= options.maxSidePixels / longSide;
  const width = Math.round((info.width * dpi) / xDpi);
  const height = Math.round((info.height * dpi) / yDpi);
  // Within a pixel or two of the size wanted: taken as it is, not resampled.
  const resized =
    Math.abs(width - info.width) > 2 || Math.abs(height - info.height) > 2
      ? image.resize(width, height, { fit: 'fill', kernel: options.kernel })
      : image;
  // `withDensity`, not `withMetadata`, which adds an sRGB profile and so makes a grey page three channels.
  return resized.withDensity(dpi);
}
