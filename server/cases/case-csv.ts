import { createRequire } from 'node:module';
import type * as CsvStringify from 'csv-stringify/sync';
import type { CaseRecord } from './case.model.js';

/**
 * What the export writes instead of stored codes and ids, given by the app (the clinic's words
 * for codes are the web's, users' names are auth's; neither is this domain's to import).
 */
export interface ExportWords {
  /** "Appeal drafted" for `appeal_drafted`. */
  label(code: string): string;
  /** Users' names by id, deactivated users included. */
  userNames(ids: string[]): Promise<Map<string, string>>;
}

/** A spreadsheet opens a cell starting with = + - @ as a formula; prefix it so it stays text. */
const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** Spreadsheet programs read a CSV as UTF-8 (accented names intact) only when it starts with this mark. */
const UTF8_BOM = '\uFEFF';

type Column = [string, (c: CaseRecord, words: ExportWords, names: Map<string, string>) => unknown];

const COLUMNS: Column[] = [
  ['reference', (c) => c.reference],
  ['status', (c, w) => w.label(c.status)],
  ['appeal_level', (c, w) => w.label(c.appealLevel)],
  ['priority', (c, w) => c.priority && w.label(c.priority)],
  ['patient', (c) => `${c.patient.lastName}, ${c.patient.firstName}`],
  ['mrn', (c) => c.patient.mrn],
  ['payer', (c) => c.payer.name],
  ['plan_type', (c, w) => w.label(c.payer.planType)],
  ['claim_number', (c) => c.service.claimNumber],
  ['authorization_number', (c) => c.service.authorizationNumber],
  ['cpt_hcpcs', (c) => c.service.cptCodes.join(' ')],
  ['icd10', (c) => c.service.icd10Codes.join(' ')],
  ['date_of_service', (c) => c.service.dateOfService],
  ['denial_category', (c, w) => w.label(c.denial.category)],
  ['carc_rarc', (c) => c.denial.reasonCodes.map((r) => `${r.group ? `${r.group}-` : ''}${r.code}`).join(' ')],
  ['notice_date', (c) => c.denial.noticeDate],
  ['amount_at_stake', (c) => c.amountAtStake?.toFixed(2)],
  ['next_due_date', (c) => c.nextDueDate],
  ['filing_deadline', (c) => c.deadlines.find((d) => d.kind === 'filing')?.dueDate],
  ['decision_due', (c) => c.deadlines.find((d) => d.kind === 'decision')?.dueDate],
  ['treating_clinician', (c) => c.treatingClinician.name],
  ['assigned_to', (c, _w, names) => (c.assigneeId ? names.get(c.assigneeId) : undefined)],
];

/** The cases as CSV in the clinic's words: labels for codes, names for users, formula cells neutralised. */
export async function casesToCsv(cases: CaseRecord[], words: ExportWords): Promise<string> {
  const names = await words.userNames(cases.flatMap((c) => (c.assigneeId ? [c.assigneeId] : [])));
  return (
    UTF8_BOM +
    // Loaded by the first export, not at start: the idle service does without it.
    (createRequire(import.meta.url)('csv-stringify/sync') as typeof CsvStringify).stringify([
      COLUMNS.map(([h]) => h),
      ...cases.map((c) => COLUMNS.map(([, get]) => cell(get(c, words, names)))),
    ])
  );
}
