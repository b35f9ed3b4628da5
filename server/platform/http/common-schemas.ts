import Joi from 'joi';
import { WALL_CLOCK_TIME } from '../clock.js';

/** A real calendar date as YYYY-MM-DD (2026-02-30 and 2027-02-29 are refused). */
export const isoDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((value: string, helpers) => {
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? helpers.error('date.calendar') : value;
  })
  .messages({
    'string.pattern.base': '{{#label}} must be a date as YYYY-MM-DD',
    'date.calendar': '{{#label}} is not a real calendar date',
  });

/**
 * Characters that change how a name reads without showing: C0/C1 controls (NUL, escape…), zero-width
 * characters and bidirectional overrides ("Trojan Source"). A name with one can look like another
 * name, or reverse what follows it on a page or in a letter.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/**
 * A name or identifier (a person, a payer, a member id, a claim number): trimmed, at most `max`
 * characters, none invisible. Free text (notes, reasons) allows them and pages show it escaped.
 */
export const nameText = (max: number) =>
  Joi.string()
    .trim()
    .max(max)
    .custom((value: string, helpers) => (INVISIBLE.test(value) ? helpers.error('string.invisible') : value))
    .messages({
      'string.invisible': '{{#label}} must not contain control, zero-width or text-direction characters',
    });

export const objectId = Joi.string().hex().length(24).messages({
  'string.length': '{{#label}} must be a 24-character id',
  'string.hex': '{{#label}} must be a 24-character id',
});

/**
 * A query key that may carry patient data (search words) and so is refused in a URL, with
 * where to send it instead: URLs end up in browser history and proxy logs.
 */
export const notInUrl = (what: string, instead: string) =>
  Joi.any()
    .forbidden()
    .messages({
      'any.unknown': `${what} can be patient data, so it is never put in a URL: send it as q in the body of ${instead}`,
    });

export const version = Joi.number()
  .integer()
  .min(0)
  .required()
  .description('The version you read; a stale one is refused with 409');

export const money = Joi.number().min(0).max(100_000_000).precision(2);

export const page = {
  page: Joi.number().integer().min(1).max(10_000).default(1),
  limit: Joi.number().integer().min(1).max(200).default(50),
};

/**
 * A moment: ISO 8601 with an offset ("2026-11-23T14:00:00Z") as a Date, or the clinic's
 * wall-clock time with none ("2026-11-23T09:00", as a datetime-local input sends it) kept as
 * written, for the service to read in the clinic's zone (`clinicInstant`): never in the zone the
 * server or the browser happens to run in.
 */
export const instant = Joi.alternatives()
  .try(Joi.string().pattern(WALL_CLOCK_TIME), Joi.date().iso())
  .messages({ 'alternatives.match': '{{#label}} must be a date and time such as 2026-11-23T09:00' });

/** A moment in an answer: an ISO 8601 instant in UTC, as JSON writes a Date ("2026-11-23T14:00:00.000Z"). */
export const timestamp = Joi.date().iso();
