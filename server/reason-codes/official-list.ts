/**
 * Reads the official CARC or RARC list an administrator loads: a CSV file whose first row names
 * the columns `code`, `description`, `start date`, `stop date` (in any order; `start_date`,
 * `Start Date`… are read alike; the dates may be empty). Dates are MM/DD/YYYY, as X12 publishes
 * them, or YYYY-MM-DD. Every row is checked before anything is stored: one bad row refuses the
 * whole file, naming the row (the header is row 1). No I/O.
 */
import { parse } from 'csv-parse/sync';
import { AppError, errorFields } from '../platform/errors.js';
import type { ReasonCodeKind } from './reason-code.types.js';

/** One code of an official list, as read. */
export interface OfficialCode {
  code: string;
  description: string;
  startDate?: string;
  stopDate?: string;
}

/** The columns a file must have, by the names it is read under. */
export const OFFICIAL_LIST_COLUMNS = ['code', 'description', 'start date', 'stop date'] as const;
type Column = (typeof OFFICIAL_LIST_COLUMNS)[number];

/** The shape of a code of each list: CARCs are 1–3 digits or a letter and digits; RARCs M, MA or N and digits. */
const CODE_SHAPE: Record<ReasonCodeKind, RegExp> = {
  CARC: /^(\d{1,3}|[A-Z]\d{1,2})$/,
  RARC: /^(M|MA|N)\d{1,4}$/,
};
const MAX_DESCRIPTION = 4000;

/**
 * Reads and checks the whole file.
 * @param file - the CSV as uploaded
 * @param kind - which list the file is
 * @throws 422 `OFFICIAL_LIST_INVALID` naming the first bad row (and every bad row in `fields`)
 */
export function readOfficialList(file: Buffer, kind: ReasonCodeKind): OfficialCode[] {
  const rows = parseCsv(file);
  const header = rows[0]?.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[_\s]+/g, ' '),
  );
  const missing = OFFICIAL_LIST_COLUMNS.filter((column) => !header?.includes(column));
  if (missing.length)
    throw refused(`The first row must name the columns ${OFFICIAL_LIST_COLUMNS.join(', ')}`, [
      { field: 'file.row 1', message: `missing column(s): ${missing.join(', ')}` },
    ]);
  const at = Object.fromEntries(OFFICIAL_LIST_COLUMNS.map((c) => [c, header!.indexOf(c)])) as Record<Column, number>;

  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  const codes: OfficialCode[] = [];
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
    const cell = (column: Column) => (row[at[column]] ?? '').trim();
    const problem = (message: string) => problems.push({ field: `file.row ${rowNumber}`, message });
    const code = cell('code').toUpperCase();
    const description = cell('description');
    const startDate = isoDate(cell('start date'));
    const stopDate = isoDate(cell('stop date'));
    if (!CODE_SHAPE[kind].test(code)) return problem(`'${code.slice(0, 12)}' is not a ${kind} code`);
    if (seen.has(code)) return problem(`${code} appears twice`);
    seen.add(code);
    if (!description) return problem(`${code} has no description`);
    if (description.length > MAX_DESCRIPTION) return problem(`${code}: description longer than ${MAX_DESCRIPTION}`);
    if (startDate === null || stopDate === null) return problem(`${code}: dates must be MM/DD/YYYY or YYYY-MM-DD`);
    if (startDate && stopDate && stopDate < startDate) return problem(`${code}: stop date before start date`);
    codes.push({ code, description, ...(startDate && { startDate }), ...(stopDate && { stopDate }) });
  });
  if (problems.length) throw refused(`Row ${problems[0].field.slice('file.row '.length)} is invalid`, problems);
  if (!codes.length) throw refused('The file has no codes below its header', [{ field: 'file', message: 'no rows' }]);
  return codes;
}

function parseCsv(file: Buffer): string[][] {
  try {
    return parse(file, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    // csv-parse names the line where the file stops being CSV (an unclosed quote, a stray quote).
    const line = errorFields(err).lines;
    throw refused('The file is not well-formed CSV', [
      { field: typeof line === 'number' ? `file.row ${line}` : 'file', message: 'not well-formed CSV here' },
    ]);
  }
}

/** undefined for no date, the ISO date, or null when the text is not a real date. */
function isoDate(text: string): string | null | undefined {
  if (!text) return undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

const refused = (message: string, fields: { field: string; message: string }[]) =>
  new AppError(422, 'OFFICIAL_LIST_INVALID', message, fields);
