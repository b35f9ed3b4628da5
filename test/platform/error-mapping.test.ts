import { expect } from 'chai';
import mongoose from 'mongoose';
import { Writable } from 'node:stream';
import express from 'express';
import supertest from 'supertest';
import { errorHandler, toAppError } from '../../server/platform/http/error-handler.js';
import { createLogger, faultForLog } from '../../server/platform/logging.js';
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
    [
      'body-parser: too large',
      Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'body-parser: bad JSON',
      Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'body-parser: bad charset',
      Object.assign(new Error('x'), { type: 'charset.unsupported', status: 415 }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['multer: file too large', multer('LIMIT_FILE_SIZE'), 413, 'PAYLOAD_TOO_LARGE'],
    ['multer: too many files', multer('LIMIT_FILE_COUNT'), 413, 'PAYLOAD_TOO_LARGE'],
    ['multer: unexpected field', multer('LIMIT_UNEXPECTED_FILE'), 400, 'VALIDATION_FAILED'],
    ['mongoose: cast', castError, 400, 'VALIDATION_FAILED'],
    ['mongoose: validation', validation, 400, 'VALIDATION_FAILED'],
    [
      'mongoose: version',
      new mongoose.Error.VersionError(
        new (mongoose.model('ErrorMappingProbe', new mongoose.Schema({}), 'error_mapping_probe'))() as never,
        0,
        [],
      ),
      409,
      'STALE_VERSION',
    ],
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

describe('logging an unexpected failure', () => {
  it(
    'when a route fails with an error quoting a patient, then the log has the ' +
      'error class and stack frames but not the quote',
    async () => {
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
      const app = express();
      app.get('/cases/:caseId', () => {
        throw new TypeError('Cast to date failed for value "Maria Alvarez 1961-04-12"');
      });
      app.use(errorHandler(createLogger('error', false, sink)));
      const res = await supertest(app).get('/cases/1');
      expect(res.status).to.equal(500);
      const logged = JSON.parse(lines.join(''));
      expect(logged.error).to.match(/^TypeError: \(message withheld: it may quote data\)\n\s+at /);
      expect(lines.join('')).not.to.contain('Maria').and.not.to.contain('1961-04-12');
      expect(JSON.stringify(res.body)).not.to.contain('Maria');
    },
  );

  it(
    'when the failure is the database or network going away, then its message, ' + 'which names only a host, is kept',
    () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
        code: 'ECONNREFUSED',
        syscall: 'connect',
      });
      expect(faultForLog(refused)).to.match(/^Error \[ECONNREFUSED\]: connect ECONNREFUSED 127\.0\.0\.1:27017/);
      const selection = Object.assign(new Error('Server selection timed out after 30000 ms'), {
        name: 'MongoServerSelectionError',
      });
      expect(faultForLog(selection)).to.contain('MongoServerSelectionError: Server selection timed out');
    },
  );
});
