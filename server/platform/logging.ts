import winston from 'winston';
import { currentRequest } from './request-context.js';
import { errorFields } from './errors.js';

/**
 * JSON-lines logger. PHI stays out by construction: nothing logs bodies, query values or
 * file names. The redaction format below is only the backstop for a careless `meta` object.
 */
const PHI_KEYS = new Set([
  'patient',
  'name',
  'firstName',
  'lastName',
  'dateOfBirth',
  'dob',
  'mrn',
  'memberId',
  'body',
  'query',
  'filename',
  'originalname',
]);

const redact = winston.format((info) => {
  for (const key of Object.keys(info)) if (PHI_KEYS.has(key)) info[key] = '[redacted]';
  return info;
});

const withRequestId = winston.format((info) => {
  const ctx = currentRequest();
  if (ctx) {
    info.requestId = ctx.requestId;
    if (ctx.userId) info.userId = ctx.userId;
  }
  return info;
});

export type Logger = winston.Logger;

/**
 * @param level - lowest level written
 * @param silent - write nothing (tests that do not look at logs)
 * @param stream - write to this stream instead of the console (tests that do)
 */
export function createLogger(level: string, silent = false, stream?: NodeJS.WritableStream): Logger {
  return winston.createLogger({
    level,
    silent,
    format: winston.format.combine(
      redact(),
      withRequestId(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports: [
      stream
        ? new winston.transports.Stream({ stream })
        : new winston.transports.Console({ stderrLevels: ['error', 'warn'] }),
    ],
  });
}

/**
 * An unexpected error as it may be logged: its class, code and stack frames. The message is
 * kept only for system and database-connection errors; any other message may quote a value
 * (a driver's "Cast to date failed for value …" can hold a patient's name), so it is withheld.
 */
export function faultForLog(err: unknown): string {
  if (!(err instanceof Error)) return `non-Error thrown (${typeof err})`;
  const { code, syscall } = errorFields(err);
  const messageIsSafe = Boolean(syscall) || /^Mongo(Network|ServerSelection|NotConnected|Topology)/.test(err.name);
  const message = messageIsSafe ? err.message : '(message withheld: it may quote data)';
  const head = `${err.name}${code !== undefined ? ` [${String(code)}]` : ''}: ${message}`;
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const cause = err.cause === undefined ? [] : [`caused by ${faultForLog(err.cause)}`];
  return [head, ...frames, ...cause].join('\n');
}
