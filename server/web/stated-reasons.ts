/**
 * The case file's "The payer's reasons" and "Objective measures" sections (pure): the stated
 * reasons as rows of one form (the order, the payer's words, what each is about, the answer and
 * the evidence that meets it), filled from what is stored, from a proposal split from the
 * payer's quoted reason, or, after a refusal, from what was typed; what keeps each reason from
 * being answered; and the measures as a before/after table with the form to add one.
 */
import {
  measureTrends,
  reasonGaps,
  STATED_REASON_KINDS,
  type CaseView,
  type MeasureReading,
  type ProposedReason,
  type StatedReason,
  type StatedReasonKind,
} from '../cases/index.js';
import type { Role } from '../auth/index.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { isObject } from '../platform/guards.js';
import { mayCall } from './api-permissions.js';
import { asList, formRows, type FormFields } from './form-route.js';
import { filledIn } from './narrative-rows.js';
import { displayDate } from './web-labels.js';

/** What a reason is about, with what answers it in the letter. */
export const KIND_WORDS: Record<StatedReasonKind, string> = {
  attendance: 'Missed visits (answered with the attendance and barriers record)',
  plateau: 'No progress, a plateau (answered with measures before and after)',
  home_program: 'A home program is enough (answered with the documented risk)',
  other: 'Something else',
};

/** Blank rows offered after the reasons listed, to add one without script. */
const BLANK_REASONS = 2;

/** A document the evidence may quote: its id and how the page names it. */
export interface DocumentChoice {
  id: string;
  title: string;
  dateText: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const said = (v: unknown) => text(v).trim() !== '';

/**
 * The reason rows of the posted form in the order the user gave them: a row ticked "remove" or
 * left empty is dropped; rows are sorted by the order typed beside them (ties and blanks keep
 * their place), so the list saved and the list shown after a refusal are the same.
 */
export function orderedReasonRows(fields: FormFields): FormFields[] {
  const rows = formRows(
    fields,
    'reasons',
    (r) =>
      r.remove !== 'true' &&
      (said(r.text) ||
        said(r.answer) ||
        r.barriers === 'true' ||
        asList(r.measures) !== undefined ||
        formRows(r, 'documents', filledIn).length > 0),
  );
  const place = (r: FormFields, i: number) => {
    const n = Number(text(r.position));
    return said(r.position) && Number.isFinite(n) ? n : i + 1;
  };
  return rows
    .map((row, i) => ({ row, at: place(row, i), i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ row }) => row);
}

/** The posted form as the API's body (PUT /cases/:caseId/stated-reasons). */
export function statedReasonsBody(fields: FormFields) {
  return {
    version: fields.version,
    reasons: orderedReasonRows(fields).map((r) => ({
      text: r.text,
      kind: r.kind,
      answer: r.answer,
      measures: asList(r.measures),
      barriers: r.barriers === 'true' ? true : undefined,
      documents: formRows(r, 'documents', filledIn),
    })),
  };
}

/** The first error at a path or below it ("reasons.0.documents" covers "reasons.0.documents.1.quote"). */
const errorAt = (errors: Record<string, unknown>, path: string): string | undefined => {
  const key = Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`));
  return key === undefined ? undefined : text(errors[key]);
};

const byForm = (extra: Record<string, unknown>, entries: string, key: string): Record<string, unknown> => {
  const all = extra[entries];
  const mine = isObject(all) ? all[key] : undefined;
  return isObject(mine) ? mine : {};
};

interface ReasonRow {
  text: string;
  kind: string;
  answer: string;
  measures: string[];
  barriers: boolean;
  documents: { documentId: string; page: string; quote: string }[];
}

const fromStored = (r: StatedReason | ProposedReason): ReasonRow => ({
  text: r.text,
  kind: r.kind,
  answer: 'answer' in r ? (r.answer ?? '') : '',
  measures: 'measures' in r ? (r.measures ?? []) : [],
  barriers: 'barriers' in r ? Boolean(r.barriers) : false,
  documents:
    'documents' in r
      ? (r.documents ?? []).map((d) => ({
          documentId: d.documentId,
          page: d.page ? String(d.page) : '',
          quote: d.quote,
        }))
      : [],
});

const fromTyped = (r: FormFields): ReasonRow => ({
  text: text(r.text),
  kind: text(r.kind),
  answer: text(r.answer),
  measures: (asList(r.measures) ?? []).map(text),
  barriers: r.barriers === 'true',
  documents: formRows(r, 'documents', filledIn).map((d) => ({
    documentId: text(d.documentId),
    page: text(d.page),
    quote: text(d.quote),
  })),
});

/**
 * A proposal keeps the answer and evidence of a reason already listed in the same words, so
 * proposing again never loses work that still fits.
 */
function withKnownAnswers(proposal: ProposedReason[], stored: StatedReason[]): ReasonRow[] {
  const known = new Map(stored.map((r) => [r.text.trim().toLowerCase(), r]));
  return proposal.map((p) => fromStored({ ...known.get(p.text.trim().toLowerCase()), ...p }));
}

/** Labels for the form's summary: each field of each row, numbered as on the page. */
export function reasonLabels(rows = 20): Record<string, string> {
  const labels: Record<string, string> = { '': 'The payer’s reasons', reasons: 'Reasons', version: 'Version' };
  for (let i = 0; i < rows; i++) {
    const n = i + 1;
    Object.assign(labels, {
      [`reasons.${i}.text`]: `Reason ${n}, in the payer’s words`,
      [`reasons.${i}.kind`]: `What reason ${n} is about`,
      [`reasons.${i}.answer`]: `Answer to reason ${n}`,
      [`reasons.${i}.measures`]: `Measures meeting reason ${n}`,
      [`reasons.${i}.documents`]: `Pages quoted for reason ${n}`,
    });
  }
  return labels;
}

/**
 * The sections' view model.
 * @param extra - the page's extra view data: a proposal (`reasonProposal`) or a refused form's values and errors
 * @param status - the page's status: after a stale version (409) the form shows the case as it is now
 */
export function statedReasonsSection(
  record: CaseView,
  documents: DocumentChoice[],
  role: Role,
  api: ApiRegistry,
  extra: Record<string, unknown>,
  status: number,
) {
  const stored = record.statedReasons ?? [];
  const measures = record.measures ?? [];
  const trends = measureTrends(measures);
  const typed = byForm(extra, 'formValues', 'statedReasons');
  const errors = byForm(extra, 'formErrors', 'statedReasons');
  const proposal = Array.isArray(extra.reasonProposal) ? (extra.reasonProposal as ProposedReason[]) : undefined;
  const refused = status !== 409 && Object.keys(typed).length > 0;
  const rows = refused
    ? orderedReasonRows(typed).map(fromTyped)
    : proposal
      ? withKnownAnswers(proposal, stored)
      : stored.map(fromStored);
  const blank: ReasonRow = { text: '', kind: 'other', answer: '', measures: [], barriers: false, documents: [] };
  const gaps = reasonGaps(stored, measures);
  const documentText = (id: string, page?: number) => {
    const d = documents.find((x) => x.id === id);
    return `${d ? `${d.title} (${d.dateText})` : 'A document no longer on the case'}${page ? `, page ${page}` : ''}`;
  };
  return {
    may: mayCall(api, role, 'put', '/cases/:caseId/stated-reasons'),
    proposed: Boolean(proposal),
    /** The editor is open while a proposal or a refusal waits, or while nothing is listed. */
    editing: Boolean(proposal) || Object.keys(typed).length > 0 || !stored.length,
    listed: stored.map((r, i) => ({
      number: i + 1,
      text: r.text,
      kind: KIND_WORDS[r.kind],
      answer: r.answer,
      evidence: [
        ...(r.measures ?? []).map((m) => `Measure: ${m}`),
        ...(r.barriers ? ['The attendance and barriers record'] : []),
        ...(r.documents ?? []).map((d) => `${documentText(d.documentId, d.page)}: “${d.quote}”`),
      ],
      gaps: gaps.filter((g) => g.number === i + 1).map((g) => g.message),
    })),
    gaps: gaps.map((g) => g.message),
    unanswered: stored.filter((r) => !r.answer?.trim()).length,
    rows: [...rows, ...Array.from({ length: BLANK_REASONS }, () => blank)].map((r, index) => {
      const at = `reasons.${index}`;
      // The stored quotes and one blank row to add a page.
      const quotes = [...r.documents, { documentId: '', page: '', quote: '' }];
      return {
        index,
        number: index + 1,
        text: r.text,
        answer: r.answer,
        barriers: r.barriers,
        kinds: STATED_REASON_KINDS.map((value) => ({ value, text: KIND_WORDS[value], selected: value === r.kind })),
        measures: trends.map((t) => ({
          name: t.name,
          checked: r.measures.some((m) => m.toLowerCase() === t.name.toLowerCase()),
        })),
        documents: quotes.map((q, k) => ({
          index: k,
          page: q.page,
          quote: q.quote,
          options: documents.map((d) => ({
            value: d.id,
            text: `${d.title} (${d.dateText})`,
            selected: d.id === q.documentId,
          })),
          error: errorAt(errors, `${at}.documents.${k}`),
        })),
        errors: {
          text: errorAt(errors, `${at}.text`),
          kind: errorAt(errors, `${at}.kind`),
          answer: errorAt(errors, `${at}.answer`),
          measures: errorAt(errors, `${at}.measures`),
        },
      };
    }),
    measures: measuresView(trends, measures, documentText),
  };
}

function measuresView(
  trends: ReturnType<typeof measureTrends>,
  measures: NonNullable<CaseView['measures']>,
  documentText: (id: string, page?: number) => string,
) {
  const reading = (r: MeasureReading | null) =>
    r && {
      value: `${r.value} ${r.unit}`,
      date: displayDate(r.date),
      source: r.documentId ? documentText(r.documentId, r.page ?? undefined) : undefined,
    };
  return {
    /** The add form's two readings. */
    slots: ['before', 'after'],
    trends: trends.map((t) => ({
      name: t.name,
      before: reading(t.before),
      after: reading(t.after),
      change: t.after
        ? `${t.after.value - t.before.value > 0 ? '+' : ''}${round(t.after.value - t.before.value)} ${t.unit}`
        : '',
      readings: t.readings,
    })),
    readings: [...measures]
      .sort((a, b) => a.name.localeCompare(b.name) || a.date.localeCompare(b.date))
      .map((m) => ({
        id: String(m._id),
        text: `${m.name}: ${m.value} ${m.unit} on ${displayDate(m.date)}`,
      })),
  };
}

/** Differences of decimal readings without float noise (0.86 − 0.62 = 0.24, not 0.24000000000000005). */
const round = (n: number) => Math.round(n * 1000) / 1000;
