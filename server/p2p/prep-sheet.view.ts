/**
 * The prep sheet as document blocks: what a medical director reads in five minutes before the
 * call, on at most two pages, in the order the call goes: the story in five lines; the payer's
 * stated reasons, each with its one-line answer and where the record shows it; the measures before
 * and after; the criterion the notice names and where the record meets it; the patient's barriers
 * and what was done; the treating clinician's own summary and argument; the deadlines still open;
 * the ask and the fallback ask; what to say if the reviewer upholds the denial. Pure; the same
 * blocks become the PDF and the HTML page. The patient appears as age and sex only: the reviewer
 * identifies the case by the payer's reference, and the sheet is printed.
 */
import type { Block, Inline } from '../platform/pdf/index.js';
import { isFiling, measureTrends, type CaseRecord, type MeasureReading } from '../cases/index.js';
import type { PeerToPeerReviewRecord } from './p2p-review.model.js';
import type { Physician } from './availability.service.js';
import { barriersFit, planCall, type CallPlan } from './talking-points.js';
import { describeCallTime, patientInBrief } from './p2p-view.js';

export interface SheetCriterion {
  title: string;
  criterionText: string;
  citation: string;
  status: 'met' | 'not_met' | 'not_applicable';
  evidence: { documentTitle?: string; page?: number; quote?: string; statement?: string }[];
}

/** One scheduled session of the treatment, from the patient's attendance record (attendance/). */
export interface SheetSession {
  date: string;
  outcome: string;
  /** Why, in the patient's own words. */
  reason?: string;
  barrier?: string;
  alternativesOffered: string[];
  alternativesAccepted: string[];
  patientChoice?: string;
}

export interface PrepSheetInput {
  review: PeerToPeerReviewRecord;
  physician: Physician;
  record: CaseRecord;
  criteria: SheetCriterion[];
  /** Every scheduled session of the case, oldest first; empty when no attendance is recorded. */
  sessions: SheetSession[];
  /** Titles of the case's documents by id, for the sources of facts, quotes and measures. */
  documentTitles: Map<string, string>;
  /** The clinic's date today. */
  today: string;
}

const t = (text: string, style: { bold?: boolean; italic?: boolean } = {}): Inline => [{ text, ...style }];
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, content: t(text) });
const para = (content: Inline, styles: ('small' | 'muted' | 'quote' | 'alert')[] = []): Block => ({
  kind: 'paragraph',
  styles,
  content,
});
const muted = (text: string): Block => para(t(text, { italic: true }), ['muted']);
const bullets = (items: string[], empty: string): Block =>
  items.length ? { kind: 'list', ordered: false, items: items.map((i) => t(i)) } : muted(empty);
const kv = (rows: [string, string][]): Block => ({
  kind: 'table',
  style: 'kv',
  header: null,
  rows: rows.filter(([, v]) => v).map(([k, v]) => [t(k), t(v)]),
});
const grid = (header: string[], rows: string[][]): Block => ({
  kind: 'table',
  style: 'grid',
  header: header.map((h) => t(h)),
  rows: rows.map((r) => r.map((c) => t(c))),
});

const STATUS_WORDS = { met: 'Met', not_met: 'Not met', not_applicable: 'N/A' } as const;
const PLAN_WORDS: Record<string, string> = {
  medicare_ab: 'Original Medicare',
  medicare_advantage: 'Medicare Advantage',
  medicare_part_d: 'Medicare Part D',
  medicaid_managed_care: 'Medicaid managed care',
  erisa_group: 'employer group plan (ERISA)',
  aca_individual: 'individual-market plan',
  other: 'health plan',
};
const OUTCOME_WORDS: Record<string, string> = {
  no_show: 'no-show',
  late_cancel: 'late cancellation',
  refused: 'refused',
  partial: 'partly done',
};
const DEADLINE_WORDS: Record<CaseRecord['deadlines'][number]['kind'], string> = {
  filing: 'Written appeal due',
  decision: 'Payer’s decision due',
  continuation_of_benefits: 'Ask to continue benefits by',
  fast_track: 'Fast-track (QIO) request by',
  concurrent_care: 'Ask to extend the course by',
  authorization_decision: 'Payer’s answer on the authorization due',
};
const words = (code: string) => code.replace(/_/g, ' ');

/** "95 to 110 degrees (+15)", each reading dated. */
function trendText(before: MeasureReading, after: MeasureReading | null): string {
  const n = (v: number) => Math.round(v * 100) / 100;
  if (!after) return `${n(before.value)} ${before.unit} (${before.date}); no later reading`;
  const change = n(after.value - before.value);
  return (
    `${n(before.value)} to ${n(after.value)} ${after.unit} (${change > 0 ? '+' : ''}${change}), ` +
    `${before.date} to ${after.date}`
  );
}

/**
 * How much of a long record the sheet shows: at most `items` rows of each list and `chars`
 * characters of each text, the rest left to the case file. The service tries each in turn until
 * the sheet fits on two pages.
 */
export interface SheetLimits {
  items: number;
  chars: number;
}
export const SHEET_LIMITS: readonly SheetLimits[] = [
  { items: 12, chars: 1200 },
  { items: 6, chars: 500 },
  { items: 4, chars: 260 },
  { items: 2, chars: 140 },
];

/** The first `limit` items, and a line saying how many more the case file holds. */
function capped<T>(items: readonly T[], limit: number, line: (item: T) => string, more: string): string[] {
  const shown = items.slice(0, limit).map(line);
  return items.length > limit ? [...shown, `… and ${items.length - limit} more ${more} on the case file.`] : shown;
}

/** A session not fully held, as the sheet tells it: the patient's words, what was offered, what they chose. */
const sessionLine =
  (clip: (text: string) => string) =>
  (s: SheetSession): string => {
    const said = s.reason ? `in the patient’s words, “${clip(s.reason)}”` : 'no reason recorded';
    const offered =
      (s.alternativesOffered.length ? `Offered: ${s.alternativesOffered.map(words).join(', ')}` : '') +
      (s.alternativesAccepted.length ? `; taken up: ${s.alternativesAccepted.map(words).join(', ')}` : '');
    const barrier = s.barrier ? ` (${words(s.barrier)})` : '';
    const what = `${s.date}, ${OUTCOME_WORDS[s.outcome] ?? words(s.outcome)}${barrier}`;
    return `${what}: ${sentences([said, offered, s.patientChoice ? clip(s.patientChoice) : ''])}`;
  };

/** Parts joined as sentences, without a second full stop after one the text already ends with (“…today.”). */
function sentences(parts: string[]): string {
  return parts
    .filter(Boolean)
    .reduce((text, part) => (text ? `${text}${/[.!?…][”"’)]*$/.test(text) ? '' : '.'} ${part}` : part), '');
}

/** The call plan for the case, exposed for tests as well as the sheet. */
export function callPlanFor(input: Pick<PrepSheetInput, 'record' | 'physician'>): CallPlan {
  const { record } = input;
  return planCall({
    category: record.denial.category,
    plan: record.payer.planType,
    level: record.appealLevel,
    noticeDate: record.levelNotice?.noticeDate ?? record.denial.noticeDate,
    service: {
      description: record.service.description,
      units: record.service.units,
      siteOfCare: record.service.siteOfCare,
    },
    request: record.narrative?.request,
    measures: measureTrends(record.measures ?? [])
      .filter((m) => m.after)
      .map((m) => m.name),
    criteriaCited: record.denial.criteriaCited,
    appealFiled: !isFiling(record.status),
    specialty: record.treatingClinician?.specialty,
  });
}

/** Builds the sheet's blocks, showing as much of a long record as `limits` allow. */
export function prepSheetBlocks(input: PrepSheetInput, limits: SheetLimits = SHEET_LIMITS[0]): Block[] {
  const { review, physician, record, criteria, today } = input;
  const clip = (text: string) => (text.length > limits.chars ? `${text.slice(0, limits.chars - 1).trimEnd()}…` : text);
  const plan = callPlanFor(input);
  const call = review.scheduled;
  const svc = record.service;
  const titleOf = (id?: string | null) => (id ? input.documentTitles.get(id) : undefined);
  const where = (documentId?: string | null, page?: number | null) =>
    [titleOf(documentId), page ? `p. ${page}` : ''].filter(Boolean).join(', ');

  const trends = measureTrends(record.measures ?? []);
  const trendByName = new Map(trends.map((m) => [m.name.toLowerCase(), m]));
  const reasons = record.statedReasons ?? [];
  const fits = barriersFit(record.denial.category);
  const missed = input.sessions.filter((s) => s.outcome !== 'attended');
  const held = input.sessions.filter((s) => s.outcome === 'attended' || s.outcome === 'partial').length;
  const byBarrier = new Map<string, number>();
  for (const s of missed) if (s.barrier) byBarrier.set(s.barrier, (byBarrier.get(s.barrier) ?? 0) + 1);
  const attendance = input.sessions.length
    ? `Attended ${held} of ${input.sessions.length} scheduled sessions` +
      (missed.length
        ? `; ${missed.length} missed or not completed` +
          (byBarrier.size ? ` (${[...byBarrier].map(([b, n]) => `${words(b)} ${n}`).join(', ')})` : '')
        : '')
    : null;

  const story = [
    `${patientInBrief(record.patient, today)}, ${PLAN_WORDS[record.payer.planType] ?? record.payer.planType} ` +
      `(${record.payer.name}): ${svc.description}${svc.units ? ` × ${svc.units}` : ''}.`,
    `Denied ${record.denial.noticeDate} as ${words(record.denial.category)}` +
      (reasons.length
        ? `, for ${reasons.length} stated reason${reasons.length > 1 ? 's' : ''}, ` +
          `${reasons.filter((r) => r.answer?.trim()).length} answered below.`
        : `: “${clip(record.denial.payerReason)}”`),
    trends.some((m) => m.after)
      ? `Measured: ${trends
          .filter((m) => m.after)
          .slice(0, 3)
          .map(
            (m) => `${m.name} ${Math.round(m.before.value * 100) / 100} to ${Math.round(m.after!.value * 100) / 100}`,
          )
          .join('; ')}.`
      : null,
    fits && attendance ? `${attendance}.` : null,
    `We ask: ${plan.ask}`,
  ].filter((line): line is string => Boolean(line));

  // One item per reason, the payer's words, our answer and its evidence on lines of their own (not a
  // table: a reader, or a text extractor, takes each reason whole).
  const reasonItems: Inline[] = reasons.slice(0, limits.items).map((r, i) => {
    const evidence = [
      ...(r.measures ?? []).map((name) => {
        const m = trendByName.get(name.toLowerCase());
        const source = m ? where(m.after?.documentId ?? m.before.documentId, m.after?.page ?? m.before.page) : '';
        return m ? `${m.name}: ${trendText(m.before, m.after)}${source ? ` (${source})` : ''}` : name;
      }),
      ...(r.barriers ? [`Attendance record: ${attendance ?? 'none recorded yet'} (see Barriers)`] : []),
      ...(r.documents ?? []).map(
        (d) => `“${clip(d.quote)}”${where(d.documentId, d.page) ? ` (${where(d.documentId, d.page)})` : ''}`,
      ),
    ];
    return [
      { text: `${i + 1}. “${clip(r.text)}”\n`, bold: true },
      { text: 'Answer: ', italic: true },
      { text: `${r.answer?.trim() ? clip(r.answer.trim()) : 'NOT ANSWERED YET'}\n` },
      { text: 'Shown by: ', italic: true },
      { text: capped(evidence, limits.items, (e) => e, 'items of evidence').join('; ') || 'nothing cited yet' },
    ];
  });
  if (reasons.length > limits.items)
    reasonItems.push(t(`… and ${reasons.length - limits.items} more on the case file.`));

  const filing = record.deadlines?.find((d) => d.kind === 'filing' && d.level === record.appealLevel);
  const filingPast = filing && isFiling(record.status) && filing.dueDate < today ? filing : null;
  const open = (record.deadlines ?? []).filter((d) => d.dueDate >= today);
  const narrative = record.narrative ?? {};
  const clinician = record.treatingClinician;

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
    ]),

    h2('The story'),
    bullets(story, ''),

    h2('The payer’s stated reasons, answered'),
    ...(reasons.length
      ? [{ kind: 'list', ordered: false, items: reasonItems } satisfies Block]
      : [
          para(t(record.denial.payerReason), ['quote']),
          muted('The stated reasons are not listed on the case yet: split them and answer each on the case page.'),
        ]),

    h2('Objective measures, before and after'),
    trends.length
      ? grid(
          ['Measure', 'Before', 'After', 'Source'],
          trends
            .slice(0, limits.items)
            .map((m) => [
              m.name,
              `${Math.round(m.before.value * 100) / 100} ${m.unit}, ${m.before.date}`,
              m.after ? `${Math.round(m.after.value * 100) / 100} ${m.unit}, ${m.after.date}` : '—',
              where(m.after?.documentId ?? m.before.documentId, m.after?.page ?? m.before.page) || '—',
            ]),
        )
      : muted('No objective measures recorded on the case.'),

    h2('The payer’s criterion and where the record meets it'),
    para(
      record.denial.criteriaCited
        ? [{ text: 'Named in the notice: ', bold: true }, { text: record.denial.criteriaCited }]
        : t('The notice names no criterion: ask which one, and which section, was applied.', { italic: true }),
    ),
    ...(criteria.length
      ? [
          {
            kind: 'list',
            ordered: false,
            items: [
              ...criteria.slice(0, limits.items).map((c): Inline => {
                const evidence = c.evidence.map((e) => {
                  const at = [e.documentTitle, e.page ? `p. ${e.page}` : ''].filter(Boolean).join(', ');
                  const what = e.quote ? `“${clip(e.quote)}”` : clip(e.statement ?? '');
                  return [what, at && `(${at})`].filter(Boolean).join(' ');
                });
                return [
                  { text: `${c.title}: ${STATUS_WORDS[c.status]}\n`, bold: true },
                  { text: `${clip(c.criterionText)} (${c.citation})\n` },
                  { text: c.status === 'met' ? 'Met by: ' : 'Evidence: ', italic: true },
                  { text: evidence.join('; ') || 'none cited' },
                ];
              }),
              ...(criteria.length > limits.items
                ? [t(`… and ${criteria.length - limits.items} more criteria on the case file.`)]
                : []),
            ],
          } satisfies Block,
        ]
      : [muted('No guideline criteria linked to the case yet.')]),

    h2('Barriers and what was done'),
    ...(!fits
      ? [muted(`Not at issue in a ${words(record.denial.category)} denial.`)]
      : !input.sessions.length
        ? [muted('No attendance record on the case.')]
        : [
            para(t(`${attendance}.`)),
            ...(missed.length
              ? [
                  bullets(
                    // In date order; a long record keeps the latest, which the reviewer asks about.
                    [
                      ...(missed.length > limits.items
                        ? [`${missed.length - limits.items} earlier missed sessions are on the case file.`]
                        : []),
                      ...missed.slice(-limits.items).map(sessionLine(clip)),
                    ],
                    '',
                  ),
                ]
              : []),
          ]),

    h2(`Treating clinician: ${[clinician.name, clinician.credentials].filter(Boolean).join(', ')}`),
    ...(clinician.specialty ? [para(t(clinician.specialty), ['small', 'muted'])] : []),
    para([{ text: 'Summary: ', bold: true }, { text: clip(narrative.clinicalSummary?.trim() || 'not written yet') }]),
    para([{ text: 'Argument: ', bold: true }, { text: clip(narrative.medicalNecessity?.trim() || 'not written yet') }]),
    ...(narrative.patientImpact?.trim()
      ? [para([{ text: 'What a denial means for the patient: ', bold: true }, { text: clip(narrative.patientImpact) }])]
      : []),
    ...(narrative.keyFacts?.length
      ? [
          bullets(
            capped(
              narrative.keyFacts,
              limits.items,
              (f) => {
                const source = titleOf(f.documentId);
                return `${f.date ? `${f.date}: ` : ''}${clip(f.fact)}${source ? ` (source: ${source})` : ''}`;
              },
              'key facts',
            ),
            '',
          ),
        ]
      : []),
    ...(narrative.alternativesTried?.length
      ? [
          para(
            t(
              `Treatments already tried: ${capped(
                narrative.alternativesTried,
                limits.items,
                (a) => `${a.treatment}${a.period ? ` (${a.period})` : ''}: ${clip(a.outcome)}`,
                'treatments',
              ).join('; ')}`,
            ),
          ),
        ]
      : []),

    h2('Deadlines still open'),
    ...(filingPast
      ? [
          para(
            t(
              `PAST: the written ${words(filingPast.level)} was due ${filingPast.dueDate} (${filingPast.citation}). ` +
                'File now and give the reason it is late.',
              { bold: true },
            ),
            ['alert'],
          ),
        ]
      : []),
    kv([
      [
        'Peer-to-peer window',
        review.window.lastDate >= today ? `last day ${review.window.lastDate} — ${review.window.basis}` : '',
      ],
      ...open.map((d): [string, string] => [
        d.kind === 'filing' ? `Written ${words(d.level)} due` : DEADLINE_WORDS[d.kind],
        `${d.dueDate}${d.dueTime ? ` ${d.dueTime}` : ''} — ${d.citation}`,
      ]),
    ]),
    para(
      t(
        'A pending peer-to-peer does not stop the appeal clock: file the written appeal by its deadline ' +
          'whatever the call brings.' +
          (record.payer.planType === 'medicare_advantage'
            ? ' Medicare Advantage: once the organization determination is issued, only a reconsideration or a ' +
              'reopening can change it.'
            : ''),
      ),
      ['small'],
    ),

    h2('The ask'),
    para([{ text: 'Ask: ', bold: true }, { text: plan.ask }]),
    para([{ text: 'Fallback: ', bold: true }, { text: plan.fallbackAsk }]),

    h2('If the reviewer upholds the denial'),
    bullets(plan.ifUpheld, ''),
  ];
}
