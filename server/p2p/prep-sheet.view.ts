/**
 * The prep sheet as document blocks: what a medical director reads in five minutes before the
 * call. Pure; the same blocks become the PDF and the HTML page. The patient appears as age and
 * sex only: the reviewer identifies the case by the payer's reference, and the sheet is printed.
 */
import type { Block, Inline } from '../platform/pdf/index.js';
import type { CaseRecord } from '../cases/index.js';
import type { PeerToPeerReviewRecord } from './p2p-review.model.js';
import type { Physician } from './availability.service.js';
import { planCall, type CallPlan } from './talking-points.js';
import { describeCallTime, patientInBrief } from './p2p-view.js';
import { dateIn } from '../platform/clock.js';

export interface SheetCriterion {
  title: string;
  criterionText: string;
  citation: string;
  status: 'met' | 'not_met' | 'not_applicable';
  evidence: { documentTitle?: string; page?: number; quote?: string; statement?: string }[];
}

export interface PrepSheetInput {
  review: PeerToPeerReviewRecord;
  physician: Physician;
  record: CaseRecord;
  criteria: SheetCriterion[];
  /** Titles of the case's documents by id, for the sources of key facts. */
  documentTitles: Map<string, string>;
  /** The clinic's date today, and its zone for dating the timeline. */
  today: string;
  timeZone: string;
}

const t = (text: string, style: { bold?: boolean; italic?: boolean } = {}): Inline => [{ text, ...style }];
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, content: t(text) });
const para = (content: Inline, styles: ('small' | 'muted' | 'quote')[] = []): Block => ({
  kind: 'paragraph',
  styles,
  content,
});
const bullets = (items: string[], empty: string): Block =>
  items.length
    ? { kind: 'list', ordered: false, items: items.map((i) => t(i)) }
    : para(t(empty, { italic: true }), ['muted']);
const kv = (rows: [string, string][]): Block => ({
  kind: 'table',
  style: 'kv',
  header: null,
  rows: rows.filter(([, v]) => v).map(([k, v]) => [t(k), t(v)]),
});

const STATUS_WORDS = { met: 'Met', not_met: 'Not met', not_applicable: 'N/A' } as const;
const PLAN_WORDS: Record<string, string> = {
  medicare_ab: 'Original Medicare (Parts A/B)',
  medicare_advantage: 'Medicare Advantage',
  medicare_part_d: 'Medicare Part D',
  medicaid_managed_care: 'Medicaid managed care',
  erisa_group: 'Employer group plan (ERISA)',
  aca_individual: 'Individual-market plan (ACA)',
  other: 'Other',
};
const words = (code: string) => code.replace(/_/g, ' ');

function evidenceText(e: SheetCriterion['evidence'][number]): string {
  const where = [e.documentTitle, e.page ? `p. ${e.page}` : ''].filter(Boolean).join(', ');
  const what = e.quote ? `“${e.quote}”` : (e.statement ?? '');
  return [what, where && `(${where})`].filter(Boolean).join(' ');
}

/** The call plan, exposed for the API and tests as well as the sheet. */
export function callPlanFor(input: PrepSheetInput): CallPlan {
  const { record } = input;
  return planCall({
    category: record.denial.category,
    criteria: input.criteria,
    alternativesTried: record.narrative?.alternativesTried ?? [],
    service: {
      description: record.service.description,
      units: record.service.units,
      siteOfCare: record.service.siteOfCare,
    },
    specialty: record.treatingClinician?.specialty,
    patientImpact: record.narrative?.patientImpact,
    request: record.narrative?.request,
  });
}

/** Builds the sheet's blocks. */
export function prepSheetBlocks(input: PrepSheetInput): Block[] {
  const { review, physician, record, criteria, today } = input;
  const plan = callPlanFor(input);
  const call = review.scheduled;
  const filing = record.deadlines?.find((d) => d.kind === 'filing');
  const svc = record.service;
  const codes = [
    svc.cptCodes.length ? `CPT ${svc.cptCodes.join(', ')}` : '',
    svc.icd10Codes.length ? `ICD-10 ${svc.icd10Codes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const reasonCodes = record.denial.reasonCodes
    .map((c) => `${c.group ? `${c.group}-` : ''}${c.code}${c.description ? ` (${c.description})` : ''}`)
    .join('; ');
  const timeline = (record.timeline ?? []).slice(-6);

  return [
    { kind: 'heading', level: 1, content: t(`Peer-to-peer prep sheet · ${record.reference}`) },
    kv([
      [
        'Call',
        call
          ? `${describeCallTime(call.start, call.timeZone)}${call.dialIn ? ` · dial-in ${call.dialIn}` : ''}`
          : 'Not yet scheduled',
      ],
      ['Our physician', physician.name],
      [
        'Payer reviewer',
        [review.reviewer?.name, review.reviewer?.specialty].filter(Boolean).join(', ') || 'Not yet known',
      ],
      ['Payer reference', review.payerReference ?? record.denial.referenceNumber ?? ''],
      [
        'Payer scheduling contact',
        [review.payerContact?.name, review.payerContact?.phone, review.payerContact?.email].filter(Boolean).join(' · '),
      ],
    ]),
    h2('Case at a glance'),
    kv([
      ['Patient', patientInBrief(record.patient, today)],
      [
        'Plan',
        `${record.payer.name} — ${PLAN_WORDS[record.payer.planType] ?? record.payer.planType}` +
          (record.payer.planName ? ` (${record.payer.planName})` : ''),
      ],
      [
        'Service',
        `${svc.description}${svc.units ? ` × ${svc.units}` : ''}${svc.siteOfCare ? `, ${svc.siteOfCare}` : ''}`,
      ],
      ['Codes', codes],
      ['Date of service', svc.dateOfService ?? ''],
      [
        'Denial notice',
        `${record.denial.noticeDate}${record.denial.receivedDate ? `, received ${record.denial.receivedDate}` : ''} ` +
          `· ${words(record.denial.category)}${reasonCodes ? ` · ${reasonCodes}` : ''}`,
      ],
      ['Appeal level', words(record.appealLevel)],
    ]),
    h2('The payer’s rationale, in its own words'),
    para(t(record.denial.payerReason), ['quote']),
    ...(record.denial.criteriaCited ? [para(t(`Criteria cited: ${record.denial.criteriaCited}`), ['small'])] : []),
    h2('Deadlines'),
    kv([
      ['Peer-to-peer window', `last day ${review.window.lastDate} — ${review.window.basis}`],
      [
        'Written appeal due',
        filing
          ? `${filing.dueDate} (${words(filing.level)}) — ${filing.citation}`
          : 'No filing deadline open at this level',
      ],
    ]),
    para(
      t(
        'A pending peer-to-peer does not stop the appeal clock: file the written ' +
          'appeal by its deadline whatever the call brings.',
        { bold: true },
      ),
      ['small'],
    ),
    ...(record.payer.planType === 'medicare_advantage'
      ? [
          para(
            t(
              'Medicare Advantage: once the organization determination is issued, a peer-to-peer ' +
                'cannot change it — only a reconsideration or a reopening can. Treat this ' +
                'call as informational and file the reconsideration on time.',
            ),
            ['small'],
          ),
        ]
      : []),
    h2('Key clinical facts'),
    bullets(
      (record.narrative?.keyFacts ?? []).map((f) => {
        const source = f.documentId ? input.documentTitles.get(f.documentId) : undefined;
        return `${f.date ? `${f.date}: ` : ''}${f.fact}${source ? ` (source: ${source})` : ''}`;
      }),
      'No key facts recorded on the case yet.',
    ),
    h2('Guideline criteria'),
    criteria.length
      ? {
          kind: 'table',
          style: 'grid',
          header: [t('Criterion'), t('Status'), t('Evidence')],
          rows: criteria.map((c) => [
            [
              { text: `${c.title}\n`, bold: true },
              { text: `${c.criterionText}\n` },
              { text: c.citation, italic: true },
            ],
            t(STATUS_WORDS[c.status]),
            t(c.evidence.map(evidenceText).join('\n') || '—'),
          ]),
        }
      : para(t('No guideline criteria linked to the case yet.', { italic: true }), ['muted']),
    h2('Talking points'),
    bullets(plan.talkingPoints, 'No talking points: add criteria and the narrative to the case.'),
    h2('Likely counter-arguments'),
    plan.counterArguments.length
      ? {
          kind: 'table',
          style: 'grid',
          header: [t('The reviewer may say'), t('Answer')],
          rows: plan.counterArguments.map((c) => [t(c.objection), t(c.response)]),
        }
      : para(t('None foreseen.', { italic: true }), ['muted']),
    h2('Alternatives already tried'),
    bullets(
      (record.narrative?.alternativesTried ?? []).map(
        (a) => `${a.treatment}${a.period ? ` (${a.period})` : ''}: ${a.outcome}`,
      ),
      'None recorded.',
    ),
    h2('Alternatives to offer'),
    bullets(plan.alternativesToOffer, ''),
    h2('The ask'),
    para(t(record.narrative?.request ?? `Approve ${svc.description} as requested.`, { bold: true })),
    h2('Timeline so far'),
    bullets(
      timeline.map(
        (e) =>
          `${dateIn(new Date(e.at), input.timeZone)}: ${e.toStatus ? words(e.toStatus) : words(e.type)}` +
          (e.note ? ` — ${e.note}` : ''),
      ),
      'Nothing recorded yet.',
    ),
    h2('Outcome (fill in during the call)'),
    kv([
      ['Result', '[ ] Overturned   [ ] Partially overturned   [ ] Upheld   [ ] Rescheduled   [ ] No-show'],
      ['Reviewer’s name', '______________________________________'],
      ['What was agreed', '______________________________________'],
      ['Authorization number', '______________________________________'],
      ['Decision date', '______________________________________'],
      ['Notes', '______________________________________\n______________________________________'],
    ]),
  ];
}
