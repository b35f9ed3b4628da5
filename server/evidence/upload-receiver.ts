import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { tempFileStorage } from './temp-file-storage.js';
import { removeTemp, type TempFile } from './file-store.js';
import { findVisibleCaseRef, type CaseRef } from '../cases/index.js';
import { addCaseDocument, type DocumentFields, type ReceivedFile } from './evidence.service.js';
import type { EvidenceDocument } from './evidence.types.js';
import { AppError, errorFields, invalid, tooLarge, unsupportedMedia } from '../platform/errors.js';
import { validate, type RequestSchemas } from '../platform/http/validate.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { declaredType } from '../platform/http/memory-upload.js';

type UploadSchemas = RequestSchemas & { params: NonNullable<RequestSchemas['params']> };

export interface UploadOptions {
  /**
   * Runs on the fields sent before the file, before any byte of it is stored; throw to refuse.
   * A page form checks its CSRF token here, since a multipart body is read only now.
   */
  beforeFile?: (req: Request) => void;
}

/**
 * Receives an evidence upload before the route's handler runs: refuses an oversized request by
 * its Content-Length before reading it, checks the case is one the user may see, streams the
 * file to the temporary area (see temp-file-storage.ts) and validates the form fields. On any
 * refusal the temporary file is removed before the error is answered; once the response is
 * over (sent, failed or abandoned), whatever is left in the temporary area is removed too.
 */
export function receiveUpload(deps: DomainDeps, schemas: UploadSchemas, options: UploadOptions = {}): RequestHandler {
  const { uploadMaxFileBytes, uploadMaxRequestBytes } = deps.config;
  const parse = multer({
    storage: tempFileStorage(path.resolve(deps.config.uploadDir)),
    fileFilter: (req, _file, accept) => {
      try {
        options.beforeFile?.(req);
        accept(null, true);
      } catch (err) {
        accept(err instanceof Error ? err : new Error(String(err)));
      }
    },
    // Three short fields and one file: anything far beyond that is not a real upload form.
    limits: {
      fileSize: uploadMaxFileBytes,
      fields: 10,
      fieldSize: 4096,
      fieldNameSize: 100,
      parts: 12,
      headerPairs: 50,
    },
  }).single('file');
  const checkFields = validate(schemas);

  return async (req, res, next) => {
    res.on(
      'close',
      () =>
        void removeTemp(tempOf(req)?.path).catch((err: unknown) =>
          deps.logger.error('temporary upload not removed', { error: String(err) }),
        ),
    );
    try {
      const length = Number(req.get('content-length'));
      if (length > uploadMaxRequestBytes)
        throw tooLarge(`The upload is larger than the ${megabytes(uploadMaxRequestBytes)} limit per request`);
      if (!req.is('multipart/form-data'))
        throw unsupportedMedia('Send the upload as multipart/form-data with the file in a field named "file"');
      const { value: params, error } = schemas.params.validate(req.params);
      if (error)
        throw invalid(
          'The case id is invalid',
          error.details.map((d) => ({ field: `params.${d.path.join('.')}`, message: d.message.replace(/"/g, "'") })),
        );
      res.locals.caseInScope = await findVisibleCaseRef(params.caseId, res.locals.user);
      await run(parse, req, res).catch((err: unknown) => {
        throw uploadError(err, uploadMaxFileBytes);
      });
      const file = tempOf(req);
      if (!file)
        throw invalid('The upload has no file', [
          { field: 'body.file', message: 'attach the file in a field named "file"' },
        ]);
      await run(checkFields, req, res);
      next();
    } catch (err) {
      await removeTemp(tempOf(req)?.path);
      next(err);
    }
  };
}

/** The received file and the claims the client made about it; the file's name stops here. */
export function receivedFile(req: Request): ReceivedFile {
  const file = tempOf(req);
  if (!req.file || !file) throw new Error('receivedFile: no file was received (receiveUpload runs first)');
  return {
    file,
    declared: declaredType(req.file),
  };
}

/** The case checked by `receiveUpload`, which put it on `res.locals` (where Express types every value `any`). */
export const uploadCase = (res: Response): CaseRef => res.locals.caseInScope;

/** The file as `tempFileStorage` received it: multer's record of it carries the hash the storage added. */
function tempOf(req: Request): TempFile | undefined {
  const file = req.file;
  return file && 'sha256' in file && typeof file.sha256 === 'string'
    ? { path: file.path, size: file.size, sha256: file.sha256 }
    : undefined;
}

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function run(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise(
    (resolve, reject) => void middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
  );
}

/** Names what went wrong while the body was read, in the client's terms. */
function uploadError(err: unknown, maxFileBytes: number): unknown {
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return tooLarge(`The file is larger than the ${megabytes(maxFileBytes)} limit`);
    if (err.code === 'LIMIT_UNEXPECTED_FILE')
      return invalid('Send exactly one file, in the field named "file"', [
        { field: `body.${err.field ?? 'file'}`, message: 'unexpected file' },
      ]);
    return err;
  }
  // Disk and other system failures stay server errors; anything else is a body that ended
  // early (client gone) or is not well-formed multipart.
  if (err instanceof AppError || errorFields(err).syscall) return err;
  return new AppError(400, 'MALFORMED_UPLOAD', 'The upload was cut off or is not well-formed multipart/form-data');
}

/**
 * The whole upload (receive, check, store) as one call, for a page form that answers in HTML
 * rather than through the API's error handler. Refusals are thrown; no file is left behind.
 */
export function pageUpload(
  deps: DomainDeps,
  schemas: UploadSchemas,
  options: UploadOptions,
): (req: Request, res: Response) => Promise<EvidenceDocument> {
  const receive = receiveUpload(deps, schemas, options);
  return async (req, res) => {
    await run(receive, req, res);
    // The fields as sent, which receiveUpload has checked against `schemas.body`.
    const fields: DocumentFields = req.body;
    return addCaseDocument(uploadCase(res), receivedFile(req), fields, res.locals.user, deps);
  };
}
