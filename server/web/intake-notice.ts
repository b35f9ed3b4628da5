/**
 * The intake form pre-filled from a denial notice: which form field each value read from the
 * notice fills, how far it can be trusted, and the notice's text by page with the words each
 * value came from marked, so that "show where" is a link to a `<mark>` (no script needed).
 * Pure: the notice is read by the route.
 */
import {
  readDate,
  type Confidence,
  type NoticeField,
  type NoticeFields,
  type NoticeView,
} from '../denial-notices/index.js';
import { addDays, computePeerToPeerWindow } from '../deadlines/index.js';

/** A place in the notice's text a value was read from: the mark's id, and the value as read. */
export interface NoticePlace {
  id: string;
  text: string;
}

/** What the form says beside a field read from the notice. */
export interface FieldMark {
  confidence: Confidence;
  /** Its words in the confidence mark ("high confidence"). */
  confidenceText: string;
  places: NoticePlace[];
  /** More than one place (a list of codes): each link names its value. */
  many: boolean;
}

/** A page of the notice's text cut into plain runs and marked runs (each mark has its id). */
export interface MarkedPage {
  page: number;
  parts: { text: string; markId?: string }[];
}

export interface NoticePrefill {
  /** The form's values, nested as the form's input keys are (`patient.firstName`, `payer.appealsAddress.city`…). */
  values: Record<string, Record<string, unknown>>;
  /** By form field key. */
  marks: Record<string, FieldMark>;
  pages: MarkedPage[];
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const lowest = (found: NoticeField<unknown>[]): Confidence =>
  found.map((f) => f.confidence).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));

const one = <T>(f: NoticeField<T> | null): NoticeField<T>[] => (f ? [f] : []);

/** "Winifred P. Osei": the last word is the family name, the rest the given names. */
function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/);
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] };
}

/**
 * The date the notice prints as the last day to appeal: the date itself, or its number of days
 * counted from the notice's date (as the notice says it: "within 60 days of the date of this notice").
 */
export function printedDeadlineOf(fields: NoticeFields): string | undefined {
  const printed = fields.appealDeadline?.value;
  if (printed?.date) return printed.date;
  if (printed?.days && fields.noticeDate) return addDays(fields.noticeDate.value, printed.days);
  return undefined;
}

/**
 * The last day for the peer-to-peer call the notice offers: the date it prints ("by December 3,
 * 2026", "no later than…"), or its days counted from the notice's date as the P2P domain counts a
 * payer's window ("within 14 calendar days", "within 2 business days"); none for hours alone.
 */
export function peerToPeerLastDateOf(fields: NoticeFields): string | undefined {
  const window = fields.peerToPeer?.value.window;
  if (!window) return undefined;
  const printed = /^(?:by|no later than)\s+([A-Z][a-z]+\.? \d{1,2}, \d{4})/i.exec(window);
  if (printed) return readDate(printed[1]) ?? undefined;
  const days = /^within\s+(\d{1,3})\s+(?:(calendar|business)\s+)?days/i.exec(window);
  if (!days || !fields.noticeDate) return undefined;
  const unit = days[2]?.toLowerCase() === 'business' ? 'business' : 'calendar';
  return computePeerToPeerWindow({
    from: fields.noticeDate.value,
    window: { days: Number(days[1]), unit, countFrom: 'notice', label: 'the denial notice' },
  }).dueDate;
}

/** "Seattle, WA 98111" at the end of an address read as one line; its lines before, the first apart from the rest. */
function postalAddress(address: string) {
  const m = /^(.+?),\s*([^,]+?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/.exec(address.trim());
  if (!m) return undefined;
  const [line1, ...rest] = m[1].split(/,\s*/);
  return { line1, line2: rest.join(', '), city: m[2], state: m[3], postalCode: m[4] };
}

const CRITERIA_NAMES = { interqual: 'InterQual', mcg: 'MCG', lcd: 'LCD', ncd: 'NCD', plan_policy: 'Plan policy' };

/** The criteria the notice names, as the case keeps them: "InterQual; MCG A-0310; Plan policy CP.MP.107". */
function criteriaText(f: NoticeFields): string {
  return f.criteria
    .map(({ value }) => [CRITERIA_NAMES[value.kind], value.reference].filter(Boolean).join(' '))
    .join('; ');
}

/** The latest date of service after the first (a range's end, or the last of several), when there is one. */
function lastDateOfService(f: NoticeFields): NoticeField<string>[] {
  const [first, ...rest] = f.datesOfService;
  const last = rest.reduce<NoticeField<string> | undefined>((l, d) => (!l || d.value > l.value ? d : l), undefined);
  return last && first && last.value > first.value ? [last] : [];
}

/** Each form field a notice can fill: the values it is read from, and the form's text of them. */
function fieldSources(f: NoticeFields) {
  const name = f.patientName ? splitName(f.patientName.value) : null;
  const deadline = printedDeadlineOf(f);
  const address = f.appealsAddress ? postalAddress(f.appealsAddress.value) : undefined;
  const offer = f.peerToPeer?.value;
  const sources: [string, NoticeField<unknown>[], string | undefined][] = [
    ['patient.firstName', one(f.patientName), name?.first],
    ['patient.lastName', one(f.patientName), name?.last],
    ['patient.dateOfBirth', one(f.dateOfBirth), f.dateOfBirth?.value],
    ['payer.name', one(f.payerName), f.payerName?.value],
    ['payer.planType', f.planHints.slice(0, 1), f.planHints[0]?.value],
    ['payer.memberId', one(f.memberId), f.memberId?.value],
    ['payer.fax', one(f.appealsFax), f.appealsFax?.value],
    ...(['line1', 'line2', 'city', 'state', 'postalCode'] as const).map(
      (part): [string, NoticeField<unknown>[], string | undefined] => [
        `payer.appealsAddress.${part}`,
        one(f.appealsAddress),
        address?.[part],
      ],
    ),
    ['service.cptCodes', f.procedureCodes, f.procedureCodes.map((c) => c.value).join(', ')],
    ['service.icd10Codes', f.diagnosisCodes, f.diagnosisCodes.map((c) => c.value).join(', ')],
    ['service.dateOfService', f.datesOfService.slice(0, 1), f.datesOfService[0]?.value],
    ['service.dateOfServiceEnd', lastDateOfService(f), lastDateOfService(f)[0]?.value],
    ['service.claimNumber', one(f.claimNumber), f.claimNumber?.value],
    ['service.authorizationNumber', one(f.authorizationNumber), f.authorizationNumber?.value],
    ['denial.noticeDate', one(f.noticeDate), f.noticeDate?.value],
    ['denial.carc', f.carcs, f.carcs.map((c) => c.value).join(', ')],
    ['denial.rarc', f.rarcs, f.rarcs.map((c) => c.value).join(', ')],
    ['denial.payerReason', one(f.denialReason), f.denialReason?.value],
    ['denial.printedAppealDeadline', one(f.appealDeadline), deadline],
    ['denial.reviewer.name', one(f.reviewer), f.reviewer?.value.name],
    ['denial.reviewer.credentials', one(f.reviewer), f.reviewer?.value.credentials.join(', ')],
    ['denial.criteriaCited', f.criteria, criteriaText(f)],
    ['denial.peerToPeerOffer.phone', one(f.peerToPeer), offer?.phone],
    ['denial.peerToPeerOffer.window', one(f.peerToPeer), offer?.window],
    ['p2p.lastDate', one(f.peerToPeer), peerToPeerLastDateOf(f)],
    ['treatingClinician.npi', one(f.providerNpi), f.providerNpi?.value],
  ];
  return sources.filter(([, found, value]) => found.length && value);
}

/** The text with each run of white space made one space, and where each of its characters was. */
function flatten(text: string): { flat: string; at: number[] } {
  let flat = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]);
    if (space && (!flat || flat.endsWith(' '))) continue;
    flat += space ? ' ' : text[i];
    at.push(i);
  }
  return { flat, at };
}

/**
 * Where the words a value was read from are on its page: inside the words around them where
 * those are on the page (the context is on one line, its spacing made single), else the first place.
 */
function locate(pageText: string, found: NoticeField<unknown>): { start: number; end: number } | undefined {
  const page = flatten(pageText);
  const words = flatten(found.where.text).flat.trim();
  if (!words) return undefined;
  const around = found.where.context ? page.flat.indexOf(found.where.context) : -1;
  const inside = around >= 0 ? found.where.context.indexOf(words) : -1;
  const start = inside >= 0 ? around + inside : page.flat.indexOf(words);
  if (start < 0) return undefined;
  return { start: page.at[start], end: page.at[start + words.length - 1] + 1 };
}

interface Span {
  page: number;
  start: number;
  end: number;
  id: string;
}

/** The spans of the page's text that values were read from; a value inside an earlier span shares its mark. */
function spanOf(spans: Span[], pages: NoticeView['pages'], found: NoticeField<unknown>): Span | undefined {
  const page = pages.find((p) => p.page === found.where.page);
  const place = page && locate(page.text, found);
  if (!page || !place) return undefined;
  const { start, end } = place;
  const overlapping = spans.find((s) => s.page === page.page && s.start < end && start < s.end);
  if (overlapping) return overlapping;
  const span = { page: page.page, start, end, id: `where-p${page.page}-${start}` };
  spans.push(span);
  return span;
}

function markPage(text: string, spans: Span[]): MarkedPage['parts'] {
  const parts: MarkedPage['parts'] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) parts.push({ text: text.slice(at, s.start) });
    parts.push({ text: text.slice(s.start, s.end), markId: s.id });
    at = s.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/**
 * The intake form's values from a notice, each field's confidence and places, and the notice's
 * pages with those places marked. A value whose words cannot be found on its page is still
 * offered, with its confidence, and no "show where".
 */
export function noticePrefill(notice: Pick<NoticeView, 'fields' | 'pages'>): NoticePrefill {
  const values: NoticePrefill['values'] = {};
  const marks: NoticePrefill['marks'] = {};
  const spans: Span[] = [];
  for (const [key, found, value] of fieldSources(notice.fields)) {
    const path = key.split('.');
    const last = path.pop()!;
    let at: Record<string, unknown> = values;
    for (const part of path) at = (at[part] ??= {}) as Record<string, unknown>;
    at[last] = value;
    const confidence = lowest(found);
    const places = found.flatMap((f) => {
      const span = spanOf(spans, notice.pages, f);
      return span ? [{ id: span.id, text: String(f.where.text) }] : [];
    });
    marks[key] = { confidence, confidenceText: `${confidence} confidence`, places, many: places.length > 1 };
  }
  const pages = notice.pages.map((p) => ({
    page: p.page,
    parts: markPage(
      p.text,
      spans.filter((s) => s.page === p.page),
    ),
  }));
  return { values, marks, pages };
}
