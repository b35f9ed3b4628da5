import type { Request, RequestHandler } from 'express';
import multer, { type StorageEngine } from 'multer';
import { invalid } from '../platform/errors.js';
import { discardImportTemp, writeImportTemp, type ReceivedImport } from './import-file-store.js';

/**
 * The largest remittance taken, by the API and the web form alike: a clearinghouse's daily 835 is
 * well under this; a 10,000-claim file is about 5 MB.
 */
export const MAX_REMITTANCE_BYTES = 50 * 1024 * 1024;

/**
 * Receives the remittance of `POST /imports` (one part named `file`, no other field) straight to a
 * temporary file under `<uploadDir>/imports/`, hashed as it is written: memory does not grow with
 * the file. multer removes the file when it refuses the request (too large, a second file); any
 * other refusal after it is cleaned up when the response closes. The client's file name is never
 * read: it may be PHI.
 */
export function receiveImportUpload(uploadDir: string, maxBytes: number): RequestHandler {
  const storage: StorageEngine = {
    _handleFile(_req, file, cb) {
      // multer copies these fields, the hash included, onto `req.file`.
      writeImportTemp(uploadDir, file.stream).then(
        (received) => cb(null, received),
        (err: unknown) => cb(err),
      );
    },
    _removeFile(_req, file, cb) {
      discardImportTemp(file.path).then(() => cb(null), cb);
    },
  };
  const parse = multer({ storage, limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } }).single('file');
  return (req, res, next) => {
    // The service renames the file it keeps; whatever is left under the temporary name goes.
    res.on('close', () => void discardImportTemp(req.file?.path).catch(() => undefined));
    parse(req, res, next);
  };
}

/**
 * The file `receiveImportUpload` took, or a 400 saying what to attach.
 * @param what - the file as the user knows it, e.g. "the remittance"
 */
export function uploadedImport(req: Request, what: string): ReceivedImport {
  const file = req.file;
  if (!file || !('sha256' in file) || typeof file.sha256 !== 'string')
    throw invalid('The upload has no file', [
      { field: 'body.file', message: `attach ${what} in a field named "file"` },
    ]);
  return { path: file.path, size: file.size, sha256: file.sha256 };
}
