import { expect } from 'chai';
import mongoose from 'mongoose';
import { toAppError } from '../../server/platform/http/error-handler.js';
import { AppError, conflict, forbidden, notFound, tooLarge, unsupportedMedia } from '../../server/platform/errors.js';

/** One table from every kind of failure to the status a client sees (non-400s on purpose). */
describe('mapping errors to problem statuses', () => {
  const multer = (code: string) => Object.assign(new Error(code), { name: 'MulterError', code });
  const castError = new mongoose.Error.CastError('ObjectId', 'nope', '_id');
  const validation = new mongoose.Error.ValidationError();
  const rows: Array<[string, unknown, number, string]> = [
    ['our own 404', notFound('Case', 'CASE_NOT_FOUND'), 404, 'CASE_NOT_FOUND'],
    ['our own 409', conflict('STALE_VERSION', 'stale'), 409, 'STALE_VERSION'],
    ['our own 403', forbidden(), 403, 'FORBIDDEN'],
    ['our own 413', tooLarge('big'), 413, 'PAYLOAD_TOO_LARGE'],
    ['our own 415', unsupportedMedia('exe'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['body-parser: too large', Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
    ['body-parser: bad JSON', Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 }), 400, 'VALIDATION_FAILED'],
    ['body-parser: bad charset', Object.assign(new Error('x'), { type: 'charset.unsupported', status: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['multer: file too large', multer('LIMIT_FILE_SIZE'), 413, 'PAYLOAD_TOO_LARGE'],
    ['multer: too many files', multer('LIMIT_FILE_COUNT'), 413, 'PAYLOAD_TOO_LARGE'],
    ['multer: unexpected field', multer('LIMIT_UNEXPECTED_FILE'), 400, 'VALIDATION_FAILED'],
    ['mongoose: cast', castError, 400, 'VALIDATION_FAILED'],
    ['mongoose: validation', validation, 400, 'VALIDATION_FAILED'],
    ['mongoose: version', new mongoose.Error.VersionError(new (mongoose.model('ErrorMappingProbe', new mongoose.Schema({}), 'error_mapping_probe'))() as never, 0, []), 409, 'STALE_VERSION'],
    ['driver: duplicate key', Object.assign(new Error('E11000'), { code: 11000 }), 409, 'DUPLICATE'],
    ['a 4xx from a library', Object.assign(new Error('x'), { status: 405 }), 405, 'BAD_REQUEST'],
    ['anything else', new TypeError('boom at /srv/app.ts:12 for Maria Alvarez'), 500, 'INTERNAL'],
  ];
  for (const [situation, error, status, code] of rows) {
    it(`${situation} → ${status} ${code}`, () => {
      const mapped = toAppError(error);
      expect(mapped).to.be.instanceOf(AppError);
      expect(mapped.status).to.equal(status);
      expect(mapped.code).to.equal(code);
    });
  }
  it('never lets an unknown error message reach the client', () => {
    expect(toAppError(new Error('Maria Alvarez')).message).to.not.contain('Maria');
  });
});
