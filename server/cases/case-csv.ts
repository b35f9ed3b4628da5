import { stringify } from 'csv-stringify/sync';
import type { CaseRecord } from './case.model.js';

/** A spreadsheet opens a cell starting with = + - @ as a formula; prefix it so it stays text. */
const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

const COLUMNS: Array<[string, (c: CaseRecord) => unknown]> = [
  ['reference', (c) => c.reference],
  ['status', (c) => c.status],
  ['appeal_level', (c) => c.appealLevel],
  ['priority', (c) => c.priority],
  ['patient', (c) => `${c.patient.lastName}, ${c.patient.firstName}`],
  ['mrn', (c) => c.patient.mrn],
  ['payer', (c) => c.payer.name],
  ['plan_type', (c) => c.payer.planType],
  ['claim_number', (c) => c.service.claimNumber],
  ['authorization_number', (c) => c.service.authorizationNumber],
  ['cpt_hcpcs', (c) => c.service.cptCodes.join(' ')],
  ['icd10', (c) => c.service.icd10Codes.join(' ')],
  ['date_of_service', (c) => c.service.dateOfService],
  ['denial_category', (c) => c.denial.category],
  ['carc_rarc', (c) => c.denial.reasonCodes.map((r) => `${r.group ? `${r.group}-` : ''}${r.code}`).join(' ')],
  ['notice_date', (c) => c.denial.noticeDate],
  ['amount_at_stake', (c) => c.amountAtStake?.toFixed(2)],
  ['next_due_date', (c) => c.nextDueDate],
  ['filing_deadline', (c) => c.deadlines.find((d) => d.kind === 'filing')?.dueDate],
  ['decision_due', (c) => c.deadlines.find((d) => d.kind === 'decision')?.dueDate],
  ['assignee_id', (c) => c.assigneeId],
];

export function casesToCsv(cases: CaseRecord[]): string {
  return stringify([COLUMNS.map(([h]) => h), ...cases.map((c) => COLUMNS.map(([, get]) => cell(get(c))))]);
}
