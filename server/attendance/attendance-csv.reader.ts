/**
 * Reads a scheduler's CSV export of one patient's appointments for the case, in our layout (the
 * columns of `ATTENDANCE_CSV_COLUMNS`, in any order, names matched without case; one row per
 * scheduled session). A header that is not the layout refuses the file whole (422
 * `ATTENDANCE_CSV_INVALID`, naming each column that is wrong), as does text that stops being CSV.
 * A row that cannot be read is reported with its row number (1 = the header, as a spreadsheet
 * shows it) and the column, and left out; the rest are read. No message names a cell's value: the
 * patient's words are PHI. An export is a few hundred rows: read whole, in memory.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { unprocessable } from '../platform/errors.js';
import { sessionSchema } from './attendance.schemas.js';
import type { SessionInput } from './attendance.types.js';

/** One column of the layout: its header name, whether every file has it, what it holds, an example. */
export interface AttendanceCsvColumn {
  name: string;
  required: boolean;
  holds: string;
  example: string;
}

/** The layout, in template order. */
export const ATTENDANCE_CSV_COLUMNS: readonly AttendanceCsvColumn[] = [
  {
    name: 'appointment_id',
    required: false,
    holds: 'the scheduler’s id of the appointment: a second import of the same export skips the sessions it knows',
    example: 'A-118204',
  },
  { name: 'date', required: true, holds: 'the day scheduled (YYYY-MM-DD or MM/DD/YYYY)', example: '2026-11-03' },
  { name: 'time', required: false, holds: 'the start, HH:mm on the clinic’s clock', example: '09:30' },
  {
    name: 'status',
    required: true,
    holds:
      'attended (or arrived, checked_out, completed), partial, refused, no_show, late_cancel; a session ' +
      'cancelled in good time (cancelled) is not a scheduled session and is passed over',
    example: 'no_show',
  },
  { name: 'reason', required: false, holds: 'why, in the patient’s own words', example: 'No ride that morning' },
  {
    name: 'barrier',
    required: false,
    holds: 'pain, fatigue, fear, transport, cost, schedule, caregiving, misunderstanding, other',
    example: 'transport',
  },
  {
    name: 'alternatives_offered',
    required: false,
    holds: 'shorter_session, telehealth, modified_plan, transport_benefit, home_program, education; separated by ";"',
    example: 'transport_benefit;telehealth',
  },
  {
    name: 'alternatives_accepted',
    required: false,
    holds: 'those of the offered the patient took up, separated by ";"',
    example: 'telehealth',
  },
  { name: 'patient_choice', required: false, holds: 'what the patient chose or declined', example: '' },
];

/** The template answered by `GET /api/v1/attendance/csv-template`: the header and one made-up row. */
export const attendanceCsvTemplate = (): string =>
  stringify([ATTENDANCE_CSV_COLUMNS.map((c) => c.name), ATTENDANCE_CSV_COLUMNS.map((c) => c.example)], {
    record_delimiter: '\r\n',
  });

/** A row read, with its line in the file. */
export interface AttendanceRow {
  row: number;
  session: SessionInput;
}

/** A row left out: where and why (never its values). */
export interface AttendanceRowProblem {
  row: number;
  column?: string;
  reason: string;
}

export interface AttendanceCsv {
  rows: AttendanceRow[];
  problems: AttendanceRowProblem[];
  /** Rows of sessions cancelled in good time, passed over. */
  cancelled: number;
}

/** A scheduler's words for a status, as our outcome; `cancelled` is a timely cancellation. */
const STATUS_WORDS: Record<string, SessionInput['outcome'] | 'cancelled'> = {
  attended: 'attended',
  arrived: 'attended',
  checked_out: 'attended',
  completed: 'attended',
  partial: 'partial',
  refused: 'refused',
  no_show: 'no_show',
  noshow: 'no_show',
  late_cancel: 'late_cancel',
  late_cancellation: 'late_cancel',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

const word = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const refuse = (row: number, reason: string, fields: { field: string; message: string }[] = []) =>
  unprocessable('ATTENDANCE_CSV_INVALID', `The CSV cannot be read: at row ${row}, ${reason}`, fields, { row });

/** Where each column of the layout is in the file, or the refusal naming every column that is wrong. */
function columnsOf(header: string[]): Map<string, number> {
  const at = new Map<string, number>();
  const problems: { field: string; message: string }[] = [];
  header.forEach((text, k) => {
    const name = word(text);
    if (!ATTENDANCE_CSV_COLUMNS.some((c) => c.name === name))
      // By position only: a file with no header has a patient's row here.
      problems.push({ field: `column ${k + 1}`, message: 'not a column of the layout' });
    else if (at.has(name)) problems.push({ field: name, message: 'appears twice' });
    else at.set(name, k);
  });
  for (const c of ATTENDANCE_CSV_COLUMNS)
    if (c.required && !at.has(c.name)) problems.push({ field: c.name, message: 'required column missing' });
  if (problems.length) throw refuse(1, 'the header is not the layout of GET /api/v1/attendance/csv-template', problems);
  return at;
}

const list = (text: string) => (text === '' ? undefined : text.split(';').map(word).filter(Boolean));

function usDate(text: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : text;
}

/** A session's field, in the layout's words. */
const COLUMN_OF: Record<string, string> = {
  date: 'date',
  time: 'time',
  outcome: 'status',
  reason: 'reason',
  barrier: 'barrier',
  alternativesOffered: 'alternatives_offered',
  alternativesAccepted: 'alternatives_accepted',
  patientChoice: 'patient_choice',
  appointmentId: 'appointment_id',
};

/** The layout's column of a session's field (`alternativesAccepted` is `alternatives_accepted`). */
export const columnOf = (field: string): string => COLUMN_OF[field] ?? field;

/**
 * Reads the export. A session not fully held needs no barrier here (a scheduler rarely has one):
 * it is recorded with its story missing, for the clinician to complete.
 * @throws AppError ATTENDANCE_CSV_INVALID (422) for a header that is not the layout, or text that is not CSV
 */
export function readAttendanceCsv(bytes: Buffer): AttendanceCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // csv-parse's message quotes the text it choked on (PHI): only its line is kept.
    throw refuse(
      typeof err.lines === 'number' ? err.lines : 1,
      'the text stops being CSV (an unclosed or stray quote)',
    );
  }
  if (!records.length) throw refuse(1, 'the file has no header row');
  const at = columnsOf(records[0].record);
  const width = records[0].record.length;
  const result: AttendanceCsv = { rows: [], problems: [], cancelled: 0 };
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    if (record.length !== width) {
      result.problems.push({ row, reason: `the row has ${record.length} fields, the header ${width}` });
      continue;
    }
    const cell = (name: string) => record[at.get(name) ?? -1] ?? '';
    const status = STATUS_WORDS[word(cell('status'))];
    if (!status) {
      result.problems.push({ row, column: 'status', reason: 'status is not one of the layout’s statuses' });
      continue;
    }
    if (status === 'cancelled') {
      result.cancelled++;
      continue;
    }
    const candidate = Object.fromEntries(
      Object.entries({
        date: usDate(cell('date')),
        time: cell('time'),
        outcome: status,
        reason: cell('reason'),
        barrier: cell('barrier') ? word(cell('barrier')) : '',
        alternativesOffered: list(cell('alternatives_offered')),
        alternativesAccepted: list(cell('alternatives_accepted')),
        patientChoice: cell('patient_choice'),
        appointmentId: cell('appointment_id'),
      }).filter(([, v]) => v !== '' && v !== undefined),
    );
    const { value, error } = importedSession.validate(candidate, { abortEarly: true });
    if (error) {
      const column = columnOf(String(error.details[0].path[0]));
      result.problems.push({ row, column, reason: `${column} ${importMessage(error.details[0].type)}` });
      continue;
    }
    result.rows.push({ row, session: value });
  }
  return result;
}

/** The typed-in session's rules, but a barrier may be missing. */
const importedSession = sessionSchema({ barrierRequired: false });

/** Why a cell was refused, without its value. */
function importMessage(type: string): string {
  if (type === 'any.required') return 'is empty';
  if (type === 'any.unknown') return 'is recorded only for a session not fully held';
  if (type.startsWith('date') || type === 'string.pattern.base') return 'is not in the layout’s form';
  if (type === 'any.only' || type === 'array.includes') return 'is not one of the layout’s words';
  if (type === 'array.unique') return 'names one alternative twice';
  return 'cannot be read';
}
