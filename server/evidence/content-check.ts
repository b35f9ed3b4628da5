import { AppError, unprocessable } from '../platform/errors.js';
import { isOneOf } from '../platform/guards.js';
import { EVIDENCE_MEDIA_TYPES, type EvidenceMediaType } from './evidence.types.js';

/**
 * What a file is, decided by its bytes alone. The client's declared type and the extension of
 * its file name are only claims: when they name something other than what the bytes are, the
 * upload is refused (415), so a renamed executable or a mislabelled scan never gets in. The
 * camera raw formats built on TIFF are told apart by file-type and refused as what they are.
 */

/** What the client said the file is: the part's Content-Type, and the extension of its name. */
export interface DeclaredType {
  mimetype?: string;
  extension?: string;
}

const LABEL: Record<EvidenceMediaType, string> = {
  'application/pdf': 'a PDF',
  'text/plain': 'plain text',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/tiff': 'a TIFF image',
};
const ACCEPTED = 'a PDF, a PNG, JPEG or TIFF image, or UTF-8 plain text';

const BY_MIME: Record<string, EvidenceMediaType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/tiff': 'image/tiff',
  'image/tiff-fx': 'image/tiff',
  'image/x-tiff': 'image/tiff',
};
const BY_EXTENSION: Record<string, EvidenceMediaType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  text: 'text/plain',
};
/** Types that claim nothing: what browsers and curl send when they do not know. */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/**
 * TIFF's headers: `II*\0` / `MM\0*`, BigTIFF `II+\0` / `MM\0+`. file-type also follows the
 * header to the first directory and gives up when that lies past the end, as it does in a fax cut
 * off in transfer (libtiff writes a page's directory after its image): such a file is a TIFF,
 * refused as damaged (422), not as some other kind of file (415).
 */
const TIFF_HEADERS = ['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].map((h) => Buffer.from(h, 'latin1'));
const TIFF = { ext: 'tif', mime: 'image/tiff' } as const;
const hasTiffHeader = (bytes: Buffer) => TIFF_HEADERS.some((h) => bytes.subarray(0, 4).equals(h));

function refuse(message: string, detectedType: string): AppError {
  return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message, [], { detectedType });
}

/** Control characters never found in a clinical note; tab, line feed, form feed and carriage return are. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function asPlainText(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return BINARY.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** Each claim the client made that can be checked, with how to name it in a message. */
function claims(declared: DeclaredType): { label: string; type: string }[] {
  const out: { label: string; type: string }[] = [];
  const mime = (declared.mimetype ?? '').toLowerCase().split(';')[0].trim();
  if (!NO_CLAIM.has(mime))
    out.push({ label: mime, type: mime.startsWith('text/') ? 'text/plain' : (BY_MIME[mime] ?? mime) });
  const ext = (declared.extension ?? '').toLowerCase();
  if (BY_EXTENSION[ext]) out.push({ label: `a ".${ext}" file`, type: BY_EXTENSION[ext] });
  return out;
}

/**
 * The media type of `bytes`, or a 415 naming what was found instead (never the file's name).
 * @param declared - the client's claims, checked against the bytes
 */
export async function identifyContent(bytes: Buffer, declared: DeclaredType): Promise<EvidenceMediaType> {
  if (!bytes.length) throw unprocessable('EMPTY_FILE', 'The file is empty');
  // file-type is loaded by the first upload, not at start: the idle service does without it.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = (await fileTypeFromBuffer(bytes)) ?? (hasTiffHeader(bytes) ? TIFF : undefined);
  let detected: EvidenceMediaType;
  if (found) {
    if (!isOneOf(EVIDENCE_MEDIA_TYPES, found.mime)) {
      throw refuse(
        `The file's content is ${found.ext.toUpperCase()} (${found.mime}), which ` +
          `is not accepted as evidence; send ${ACCEPTED}`,
        found.mime,
      );
    }
    detected = found.mime;
  } else if (asPlainText(bytes) !== null) {
    detected = 'text/plain';
  } else {
    throw refuse(`The file's content is binary data of no accepted kind; send ${ACCEPTED}`, 'application/octet-stream');
  }
  for (const claim of claims(declared)) {
    if (claim.type !== detected)
      throw refuse(
        `The file was sent as ${claim.label}, but its content is ${LABEL[detected]} (${detected})`,
        detected,
      );
  }
  return detected;
}
