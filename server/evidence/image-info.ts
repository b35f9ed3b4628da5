import zlib from 'node:zlib';
import { DamagedTiffError, tiffPages, type TiffPage } from '../platform/images/tiff-pages.js';

/**
 * Reads the pixel size of a PNG, JPEG or TIFF and checks that the file is whole, walking its
 * structure rather than decoding it: a scan cut off in transfer is refused at upload, not
 * discovered when a packet is assembled on the day the appeal is due.
 */
export interface ImageInfo {
  width: number;
  height: number;
}

export class DamagedImageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DamagedImageError';
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Walks the PNG chunks, checking each CRC, up to IEND. */
export function pngInfo(bytes: Buffer): ImageInfo {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new DamagedImageError('not a PNG signature');
  let offset = 8;
  let info: ImageInfo | undefined;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) break;
    if (zlib.crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      throw new DamagedImageError(`the ${type} chunk is damaged`);
    if (type === 'IHDR') info = { width: bytes.readUInt32BE(offset + 8), height: bytes.readUInt32BE(offset + 12) };
    if (type === 'IEND') {
      if (!info || !info.width || !info.height) throw new DamagedImageError('the image header is missing');
      return info;
    }
    offset = end;
  }
  throw new DamagedImageError('the image is incomplete');
}

/** Start-of-frame markers carry the size (C0–CF except DHT C4, JPG C8 and DAC CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Walks the JPEG segments to the first scan, then requires the end-of-image marker after it. */
export function jpegInfo(bytes: Buffer): ImageInfo {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new DamagedImageError('not a JPEG start marker');
  let offset = 2;
  let info: ImageInfo | undefined;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new DamagedImageError('the image structure is damaged');
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (isStartOfFrame(marker) && offset + 9 <= bytes.length)
      info = { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    if (marker === 0xda) {
      if (!info || !info.width || !info.height) throw new DamagedImageError('the frame header is missing');
      // Thumbnails sit in APP segments, already skipped by length, so this marker ends the image itself.
      if (bytes.indexOf(Buffer.from([0xff, 0xd9]), offset + 2 + length) === -1)
        throw new DamagedImageError('the image is incomplete');
      return info;
    }
    offset += 2 + length;
  }
  throw new DamagedImageError('the image is incomplete');
}

/** A TIFF's first page's size, with every page (a fax is one file of many). */
export interface TiffInfo extends ImageInfo {
  pages: TiffPage[];
}

/** Walks the TIFF's directories (`tiffPages`), each page's image data required within the file. */
export function tiffInfo(bytes: Buffer): TiffInfo {
  try {
    const pages = tiffPages(bytes);
    return { width: pages[0].width, height: pages[0].height, pages };
  } catch (err) {
    if (err instanceof DamagedTiffError) throw new DamagedImageError(err.message);
    throw err;
  }
}
