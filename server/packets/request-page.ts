/**
 * The Medicare request page: the first page of an Original Medicare packet, carrying the same
 * elements as Form CMS-20027 (redetermination) or CMS-20033 (reconsideration), typeset by us.
 * 42 CFR 405.944(b) and 405.964(b) accept a written request that is not on the CMS form if it
 * has the same required elements; the letter behind it argues the case. Pure: case → blocks.
 */
import type { Appellant, AppealLevel, PlanType } from '../deadlines/index.js';
import { plain, type Block, type Inline } from '../platform/pdf/index.js';
import { formatDate } from './letter-helpers.js';
import { datesOfServiceText, partyName, servicesText, type ChecklistCase } from './required-elements.js';

export interface RequestPageInput {
  caseRecord: ChecklistCase & { reference: string; levelNotice: { noticeDate: string } };
  clinic: { name: string; address: string; phone: string };
  /** The request's date (YYYY-MM-DD), from the clock. */
  today: string;
  exhibitCount: number;
}

const FORMS: Partial<Record<AppealLevel, { form: string; title: string; noticeLabel: string }>> = {
  redetermination: {
    form: 'CMS-20027',
    title: 'Medicare Redetermination Request',
    noticeLabel: 'Date of the initial determination notice',
  },
  reconsideration: {
    form: 'CMS-20033',
    title: 'Medicare Reconsideration Request',
    noticeLabel: 'Date of the redetermination notice',
  },
};

/** Whether a case's packet opens with a request page: Original Medicare at the two levels the forms cover. */
export function hasRequestPage(plan: PlanType, level: AppealLevel): boolean {
  return plan === 'medicare_ab' && FORMS[level] !== undefined;
}

/** The requester's relationship to the beneficiary, as the forms ask it. */
const RELATIONSHIP: Record<Appellant, string> = {
  patient: 'The beneficiary',
  representative: 'Appointed representative (CMS-1696 enclosed)',
  treating_physician: 'Treating physician, supplier of the service',
  non_contracted_provider: 'Provider of the service, a party to the claim',
  contracted_provider: 'Provider of the service, a party to the claim',
  medicaid_provider_with_consent: 'Provider of the service, with the beneficiary’s written consent',
};

const NOT_RECORDED = 'NOT RECORDED: complete before sending';
const row = (label: string, value: string | null): Inline[] => [plain(label), plain(value ?? NOT_RECORDED)];

/**
 * The request page's blocks, or null when the case's program and level have no CMS form.
 * A missing element prints as "NOT RECORDED", so a page sent anyway shows the gap rather than hiding it.
 */
export function requestPageBlocks(input: RequestPageInput): Block[] | null {
  const c = input.caseRecord;
  const form = FORMS[c.appealLevel];
  if (!form || !hasRequestPage(c.payer.planType, c.appealLevel)) return null;
  const reconsideration = c.appealLevel === 'reconsideration';
  const patientName = `${c.patient.firstName} ${c.patient.lastName}`.trim();
  const requester = partyName(c);
  const filedByPatient = c.appellant === 'patient';
  // Not recorded: the clinic files (it signs the letter), as a supplier that is a party to the claim (405.906(a)).
  const relationship = RELATIONSHIP[c.appellant ?? 'non_contracted_provider'];
  const rows: Inline[][] = [
    row('1. Beneficiary’s name', patientName || null),
    row('2. Medicare number', c.payer.memberId?.trim() || null),
    row('3. Item(s) or service(s) appealed', servicesText(c)),
    row('4. Date(s) of service', datesOfServiceText(c)),
    row(`5. ${form.noticeLabel}`, c.levelNotice?.noticeDate ? formatDate(c.levelNotice.noticeDate) : null),
    ...(reconsideration ? [row('6. Contractor that made the redetermination', c.payer.name?.trim() || null)] : []),
    row(
      reconsideration ? '7. Why the redetermination is wrong' : '6. Why the decision is wrong',
      c.narrative?.medicalNecessity?.trim() || c.narrative?.request?.trim()
        ? 'Set out in the enclosed letter, point by point, with the records it cites.'
        : null,
    ),
    row('Claim number', c.service.claimNumber?.trim() || null),
    row(
      'Evidence',
      input.exhibitCount
        ? `Enclosed: ${input.exhibitCount} exhibit(s), listed in the enclosure index.`
        : 'None enclosed.',
    ),
  ];
  const requesterRows: Inline[][] = [
    row('Requester’s name', requester),
    row('Relationship to the beneficiary', relationship),
    row(
      'Address',
      filedByPatient
        ? null
        : input.clinic.address
            .split(';')
            .map((l) => l.trim())
            .join(', '),
    ),
    row('Telephone', filedByPatient ? null : input.clinic.phone),
  ];
  return [
    { kind: 'heading', level: 1, content: plain(form.title) },
    {
      kind: 'paragraph',
      styles: ['small', 'muted'],
      content: plain(
        `With the same elements as Form ${form.form} (42 CFR ${reconsideration ? '405.964(b)' : '405.944(b)'}). ` +
          `Reference ${c.reference}.`,
      ),
    },
    {
      kind: 'paragraph',
      styles: [],
      content: plain(
        `I do not agree with the ${reconsideration ? 'redetermination' : 'initial determination'} on the claim ` +
          `below and request a ${reconsideration ? 'reconsideration' : 'redetermination'}.`,
      ),
    },
    { kind: 'table', style: 'kv', header: null, rows },
    { kind: 'heading', level: 2, content: plain('Who is asking') },
    { kind: 'table', style: 'kv', header: null, rows: requesterRows },
    {
      kind: 'paragraph',
      styles: ['signature'],
      content: plain(
        `Signature: ______________________________    Date signed: ______________\n${requester ?? ''}`.trimEnd(),
      ),
    },
    {
      kind: 'paragraph',
      styles: ['small', 'muted'],
      content: plain(`Prepared ${formatDate(input.today)}.`),
    },
  ];
}
