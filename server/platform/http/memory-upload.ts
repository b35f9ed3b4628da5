import path from 'node:path';
import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { invalid } from '../errors.js';

/**
 * Receives one small file, in a part named `file`, into memory (nothing written to disk, so a
 * refused upload leaves no stray file), beside at most `fields` form fields. The client's file
 * name is read only for its extension (`declaredType`): it may be PHI.
 */
export function receiveOneFile(limits: { maxBytes: number; fields: number }): RequestHandler {
  return multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.maxBytes, files: 1, fields: limits.fields, parts: limits.fields + 1 },
  }).single('file');
}

/**
 * The bytes `receiveOneFile` took, or a 400 saying what to attach.
 * @param what - the file as the user knows it, e.g. "the 835"
 */
export function receivedFile(req: Request, what: string): Buffer {
  if (!req.file)
    throw invalid('The upload has no file', [
      { field: 'body.file', message: `attach ${what} in a field named "file"` },
    ]);
  return req.file.buffer;
}

/**
 * What the client said a received file is, for the content check to hold against its bytes: the
 * part's Content-Type and its name's extension, never the name itself (it may be PHI).
 */
export function declaredType(file: Express.Multer.File | undefined): { mimetype?: string; extension?: string } {
  return { mimetype: file?.mimetype, extension: path.extname(file?.originalname ?? '').slice(1) };
}
