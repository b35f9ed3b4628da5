/**
 * Reads a remittance kept as CSV in our layout (one row per claim line, the columns of
 * `CSV_COLUMNS`), as a practice-management system or a spreadsheet exports it, into the same
 * ClaimRecords as the 835 reader. Streaming: csv-parse hands over one row at a time and the reader
 * holds one claim, so memory does not grow with the file.
 *
 * Consecutive rows with the same payer, payer claim number, patient control number and claim status
 * are one claim; its charge and payment are the sum of its lines, its patient responsibility the sum
 * of their PR adjustments. A header that is not the layout refuses the file whole (422
 * `REMITTANCE_CSV_INVALID`, row 1), as does text that stops being CSV (an unclosed quote), with its
 * row. A row that cannot be read is reported (`claim-problem`: its row, the column, why) and its
 * claim skipped, the rest read. Positions are line numbers in the file (1 = the header), as a
 * spreadsheet shows them; no message names a value from the file (it may be PHI).
 */
import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { unprocessable } from '../platform/errors.js';
import {
  ClaimReadError,
  isAdjustmentGroup,
  isClaimStatus,
  parseCents,
  parseCsvDate,
  parseQuantity,
} from './remittance-values.js';
import type { Adjustment, ClaimLine, ClaimRecord, RemittanceItem } from './remittance.types.js';

/** One column of the layout: its header name, whether every row needs it, what it holds, an example. */
export interface CsvColumn {
  name: string;
  required: boolean;
  holds: string;
  example: string;
}

/** The CSV layout, in template order. Column order in a file is free; names are matched without case. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'payer_name',
    required: true,
    holds: 'the payer, as its remittance names it',
    example: 'Northwind Health Plan',
  },
  { name: 'payer_id', required: false, holds: 'the payer id (835 N104), part of the claim key', example: '60054' },
  {
    name: 'payer_claim_number',
    required: true,
    holds: "the payer's claim control number (835 CLP07)",
    example: 'NWH2611040318',
  },
  {
    name: 'patient_control_number',
    required: true,
    holds: 'your own claim or account number (835 CLP01)',
    example: 'OVT-24117',
  },
  {
    name: 'claim_status',
    required: true,
    holds: 'the 835 claim status code: 1, 2, 3 processed, 4 denied, 22 reversal, 19-21, 23, 25',
    example: '4',
  },
  {
    name: 'claim_filing_indicator',
    required: false,
    holds: 'the 835 CLP06 code: MA/MB Medicare, 16 Medicare Advantage, MC Medicaid, CI commercial, HM HMO, 12 PPO…',
    example: 'CI',
  },
  { name: 'patient_last_name', required: true, holds: "the patient's last name", example: 'Okafor' },
  { name: 'patient_first_name', required: false, holds: "the patient's first name", example: 'Adaeze' },
  { name: 'member_id', required: false, holds: "the subscriber's member id", example: 'NWH48213307' },
  {
    name: 'service_start',
    required: true,
    holds: 'the line’s date of service (YYYY-MM-DD or MM/DD/YYYY)',
    example: '2026-10-14',
  },
  { name: 'service_end', required: false, holds: 'the last day, for a service period', example: '2026-10-14' },
  { name: 'procedure_code', required: true, holds: 'CPT or HCPCS code', example: '97110' },
  { name: 'modifiers', required: false, holds: 'up to four, separated by ";"', example: 'GP;59' },
  { name: 'units', required: false, holds: 'units of service (1 when empty)', example: '4' },
  { name: 'charge', required: true, holds: 'billed, in dollars (no $ sign or thousands separator)', example: '412.00' },
  { name: 'allowed', required: false, holds: 'the allowed amount, in dollars', example: '0.00' },
  { name: 'paid', required: true, holds: 'paid on the line, in dollars', example: '0.00' },
  {
    name: 'adjustments',
    required: false,
    holds: 'group-CARC:amount, separated by ";" (e.g. CO-50:120.00;PR-1:20.00)',
    example: 'CO-50:412.00',
  },
  { name: 'remark_codes', required: false, holds: 'RARCs, separated by ";"', example: 'N115;M127' },
  { name: 'rendering_provider_name', required: false, holds: 'who rendered the service', example: 'Priya Raman' },
  { name: 'rendering_provider_npi', required: false, holds: 'their NPI', example: '1649327705' },
  {
    name: 'payment_date',
    required: false,
    holds: 'the date of the payment or denial notice',
    example: '2026-11-04',
  },
  {
    name: 'trace_number',
    required: false,
    holds: 'the check or EFT number (835 TRN02)',
    example: 'EFT2611040091',
  },
];

/** The template answered by `GET /api/v1/imports/csv-template`: the header and one made-up example row. */
export const csvTemplate = (): string =>
  stringify([CSV_COLUMNS.map((c) => c.name), CSV_COLUMNS.map((c) => c.example)], { record_delimiter: '\r\n' });

type Column = (typeof CSV_COLUMNS)[number]['name'];
type Row = (name: Column) => string;

const refuse = (row: number, reason: string, fields: { field: string; message: string }[] = []) =>
  unprocessable('REMITTANCE_CSV_INVALID', `The CSV cannot be read: at row ${row}, ${reason}`, fields, {
    segment: row,
  });

const headerName = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Where each column of the layout is in the file, or the refusal naming what is wrong (never a cell's text). */
function columnsOf(header: string[]): Map<string, number> {
  const at = new Map<string, number>();
  const problems: { field: string; message: string }[] = [];
  header.forEach((text, k) => {
    const name = headerName(text);
    if (!CSV_COLUMNS.some((c) => c.name === name))
      problems.push({ field: `column ${k + 1}`, message: 'not a column of the layout' });
    else if (at.has(name)) problems.push({ field: name, message: 'appears twice' });
    else at.set(name, k);
  });
  for (const c of CSV_COLUMNS)
    if (c.required && !at.has(c.name)) problems.push({ field: c.name, message: 'required column missing' });
  if (problems.length) throw refuse(1, 'the header is not the layout of GET /api/v1/imports/csv-template', problems);
  return at;
}

const CODE = /^[A-Z0-9]{1,48}$/;

function list(text: string): string[] {
  return text === '' ? [] : text.split(';').map((s) => s.trim().toUpperCase());
}

function adjustmentsOf(text: string): Adjustment[] {
  return list(text).map((entry) => {
    const m = /^([A-Z]{2})-([A-Z0-9]{1,5}):(.+)$/.exec(entry);
    if (!m || !isAdjustmentGroup(m[1]))
      throw new ClaimReadError('adjustments', 'adjustments is not a list of group-CARC:amount (CO-50:120.00)');
    return { group: m[1], reason: m[2], amount: parseCents(m[3], 'adjustments') };
  });
}

function required(row: Row, name: Column): string {
  const value = row(name);
  if (value === '') throw new ClaimReadError(name, `${name} is empty`);
  return value;
}

function lineOf(row: Row, position: number): ClaimLine {
  const code = required(row, 'procedure_code').toUpperCase();
  if (!CODE.test(code)) throw new ClaimReadError('procedure_code', 'procedure_code is not a procedure code');
  const modifiers = list(row('modifiers'));
  if (modifiers.length > 4 || modifiers.some((m) => !/^[A-Z0-9]{2}$/.test(m)))
    throw new ClaimReadError('modifiers', 'modifiers are not up to four two-character codes');
  const remarkCodes = list(row('remark_codes'));
  if (remarkCodes.some((c) => !/^[A-Z0-9]{2,7}$/.test(c)))
    throw new ClaimReadError('remark_codes', 'remark_codes is not a list of RARCs');
  const serviceStart = parseCsvDate(required(row, 'service_start'), 'service_start');
  const serviceEnd = row('service_end') ? parseCsvDate(row('service_end'), 'service_end') : serviceStart;
  if (serviceEnd < serviceStart) throw new ClaimReadError('service_end', 'service_end is before service_start');
  const line: ClaimLine = {
    position,
    procedure: { qualifier: 'HC', code, modifiers },
    charge: parseCents(required(row, 'charge'), 'charge'),
    paid: parseCents(required(row, 'paid'), 'paid'),
    units: row('units') ? parseQuantity(row('units'), 'units') : 1,
    serviceStart,
    serviceEnd,
    adjustments: adjustmentsOf(row('adjustments')),
    remarkCodes,
    references: [],
    amounts: [],
    quantities: [],
  };
  if (row('allowed')) line.allowed = parseCents(row('allowed'), 'allowed');
  return line;
}

function claimOf(row: Row, position: number): ClaimRecord {
  const status = required(row, 'claim_status');
  if (!isClaimStatus(status)) throw new ClaimReadError('claim_status', 'claim_status is not an 835 claim status code');
  const claim: ClaimRecord = {
    remittance: {
      format: 'csv',
      paymentAmount: 0,
      payer: { name: required(row, 'payer_name') },
    },
    position,
    patientControlNumber: required(row, 'patient_control_number'),
    status,
    charge: 0,
    paid: 0,
    payerClaimControlNumber: required(row, 'payer_claim_number'),
    patient: { name: { last: required(row, 'patient_last_name') } },
    adjustments: [],
    remarkCodes: [],
    references: [],
    amounts: [],
    quantities: [],
    lines: [],
  };
  const header = claim.remittance;
  if (row('payer_id')) header.payer.id = row('payer_id');
  if (row('payment_date')) header.paymentDate = parseCsvDate(row('payment_date'), 'payment_date');
  if (row('trace_number')) header.traceNumber = row('trace_number');
  if (row('patient_first_name')) claim.patient.name.first = row('patient_first_name');
  if (row('member_id')) claim.memberId = row('member_id');
  if (row('claim_filing_indicator')) claim.filingIndicator = row('claim_filing_indicator').toUpperCase();
  if (row('rendering_provider_name') || row('rendering_provider_npi')) {
    claim.renderingProvider = { name: { last: row('rendering_provider_name') } };
    if (row('rendering_provider_npi'))
      Object.assign(claim.renderingProvider, { idQualifier: 'XX', id: row('rendering_provider_npi') });
  }
  return claim;
}

/** The claim's totals from its lines, as an 835's CLP would state them. */
function finished(claim: ClaimRecord): ClaimRecord {
  const sum = (pick: (l: ClaimLine) => number) => claim.lines.reduce((total, l) => total + pick(l), 0);
  claim.charge = sum((l) => l.charge);
  claim.paid = sum((l) => l.paid);
  claim.remittance.paymentAmount = claim.paid;
  const patientShare = sum((l) => l.adjustments.reduce((t, a) => t + (a.group === 'PR' ? a.amount : 0), 0));
  if (patientShare) claim.patientResponsibility = patientShare;
  claim.serviceStart = claim.lines.map((l) => l.serviceStart!).sort()[0];
  claim.serviceEnd = claim.lines
    .map((l) => l.serviceEnd!)
    .sort()
    .at(-1);
  return claim;
}

// The columns whose values say which claim a row belongs to.
const CLAIM_COLUMNS: Column[] = [
  'payer_id',
  'payer_name',
  'payer_claim_number',
  'patient_control_number',
  'claim_status',
];

const problem = (err: unknown, position: number): RemittanceItem => {
  if (!(err instanceof ClaimReadError)) throw err;
  const at = err.element ? { element: err.element } : {};
  return { kind: 'claim-problem', problem: { position, ...at, reason: err.message } };
};

/**
 * Reads a CSV remittance and yields its claims and claim problems in file order.
 *
 * @param source - the file's path, or a stream of its bytes
 * @throws AppError REMITTANCE_CSV_INVALID (422) for a header that is not the layout, or text that is not CSV
 */
export async function* readCsvRemittance(source: Readable | string): AsyncGenerator<RemittanceItem> {
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true });
  pipeline(input, parser, () => undefined);

  let at: Map<string, number> | undefined;
  let width = 0;
  let pending: { key: string; claim?: ClaimRecord } | undefined;
  const flush = function* (): Generator<RemittanceItem> {
    if (pending?.claim) yield { kind: 'claim', claim: finished(pending.claim) };
    pending = undefined;
  };
  let line = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (!at) {
        at = columnsOf(record);
        width = record.length;
        continue;
      }
      if (record.length !== width) {
        yield problem(new ClaimReadError(undefined, `the row has ${record.length} fields, the header ${width}`), line);
        continue;
      }
      const columns = at;
      const row: Row = (name) => record[columns.get(name) ?? -1] ?? '';
      const key = CLAIM_COLUMNS.map(row).join('\u0000');
      if (pending && pending.key !== key) yield* flush();
      if (!pending) {
        pending = { key };
        try {
          pending.claim = claimOf(row, line);
        } catch (err) {
          yield problem(err, line);
          continue;
        }
      }
      // A claim with a bad row is skipped whole: its money would be incomplete.
      if (!pending.claim) continue;
      try {
        pending.claim.lines.push(lineOf(row, line));
      } catch (err) {
        pending.claim = undefined;
        yield problem(err, line);
      }
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // csv-parse's message quotes the text it choked on (PHI): only its line is kept.
    throw refuse(
      typeof err.lines === 'number' ? err.lines : line,
      'the text stops being CSV (an unclosed or stray quote)',
    );
  }
  if (!at) throw refuse(1, 'the file has no header row');
  yield* flush();
}
