/**
 * Reading a denial notice's fields from its text (pure, offline, no language model): labels and
 * the shapes of values, each value checked by its own rule (notice-checks.ts) and rated
 * (notice-scan.ts). See CONTEXT.md for what each field takes.
 */
import type { CriteriaKind, NoticeField, NoticeFields, NoticePage } from './denial-notice.types.js';
import {
  CREDENTIALS,
  DATE_PATTERN,
  OCR_DATE_PATTERN,
  isCpt,
  isHcpcs,
  isIcd10,
  isKnownCarc,
  isKnownRarc,
  isMbi,
  isMemberId,
  isNpi,
  isPersonName,
  isReferenceNumber,
  nanpDigits,
  readDate,
} from './notice-checks.js';
import { afterLabel, best, checked, distinct, everywhere, oneOf, type Candidate } from './notice-scan.js';
import { planHints } from './notice-signals.js';

const DATE = new RegExp(`(${OCR_DATE_PATTERN.source})`, 'y');
const REFERENCE = /([A-Z0-9][A-Za-z0-9-]{4,29}[A-Za-z0-9])/y;
const NAME =
  /((?:[A-Z][A-Za-z'\u2019-]*\.?)(?:[ ]+(?:[A-Z][A-Za-z'\u2019-]*\.?)){1,4})(?=[ \t]*(?:\n|[,:]|$|[ \t]{2}))/my;

/** Reads every field of a notice from its pages. */
export function readNoticeFields(pages: readonly NoticePage[]): NoticeFields {
  const dates = (label: RegExp) => afterLabel(pages, label, DATE).map((f) => checked(f, true, readDate));
  return {
    payerName: payerName(pages),
    planHints: planHints(pages),
    memberId: memberId(pages),
    patientName: patientName(pages),
    dateOfBirth: best(dates(/\b(?:date of birth|birth ?date|D\.?O\.?B\.?)/gi), pages),
    claimNumber: reference(pages, CLAIM_LABEL),
    authorizationNumber: reference(pages, AUTHORIZATION_LABEL),
    noticeDate: noticeDate(pages),
    datesOfService: datesOfService(pages),
    procedureCodes: procedureCodes(pages),
    diagnosisCodes: diagnosisCodes(pages),
    carcs: carcs(pages),
    rarcs: rarcs(pages),
    denialReason: denialReason(pages),
    appealDeadline: appealDeadline(pages),
    appealsAddress: appealsAddress(pages),
    appealsFax: appealsFax(pages),
    reviewer: reviewer(pages),
    criteria: criteria(pages),
    peerToPeer: peerToPeer(pages),
    providerNpi: best(
      afterLabel(
        pages,
        /\b(?:provider |rendering |requesting |treating )?NPI\b/gi,
        /([0-9OoIl]{10})(?![0-9OoIl])/y,
      ).map((f) => checked(f, true, (t) => (isNpi(t) ? t : null))),
      pages,
    ),
  };
}

// A payer's name says what it is: these words, in a letterhead or after a label.
const PAYER_WORD = oneOf(
  [
    'Health(?:care)?',
    'Plans?',
    'Insurance',
    'Insurers?',
    'Assurance',
    'Medicare',
    'Medicaid',
    'Care',
    'Mutual',
    'Blue',
    'Benefits?',
    'Administrators?',
    'HMO',
    'PPO',
    'Life',
    'Services',
  ],
  '',
  String.raw`\b`,
);

function isPayerName(line: string): boolean {
  const words = line.split(/\s+/);
  return (
    PAYER_WORD.test(line) &&
    words.length >= 2 &&
    words.length <= 10 &&
    !/\d|[:@()]/.test(line) &&
    !/\bnotice\b/i.test(line)
  );
}

function payerName(pages: readonly NoticePage[]): NoticeField | null {
  const labelled = afterLabel(
    pages,
    /\b(?:health plan|insurer|payer|plan name|insurance company|carrier)(?=[ \t]*(?:name)?[ \t]*:)(?:[ \t]*name)?/gi,
    /([^\n]{3,80}?)(?=[ \t]*$)/my,
  ).map((f) => ({ value: f.text.trim(), ...f, labelled: true, valid: isPayerName(f.text.trim()) }));
  // The letterhead: the first line of the first page that reads as a payer's name.
  const first = pages[0];
  const head: Candidate[] = [];
  if (first) {
    let offset = 0;
    for (const line of first.text.split('\n').slice(0, 4)) {
      const trimmed = line.trim();
      if (trimmed && isPayerName(trimmed)) {
        head.push({
          value: trimmed,
          page: first.page,
          index: offset + line.indexOf(trimmed),
          text: trimmed,
          labelled: true,
          valid: true,
        });
        break;
      }
      offset += line.length + 1;
    }
  }
  return best([...labelled, ...head], pages);
}

const MBI_LABEL = /\b(?:Medicare (?:Beneficiary Identifier|number|ID)|MBI)\b/gi;

function memberId(pages: readonly NoticePage[]): NoticeField | null {
  const read = (t: string) => (isMemberId(t) ? t : null);
  const readMbi = (t: string) => (isMbi(t) ? t.replace(/-/g, '') : null);
  const mbi = afterLabel(pages, MBI_LABEL, REFERENCE).map((f) => checked(f, true, readMbi));
  const plain = afterLabel(
    pages,
    oneOf(
      [
        'member',
        'subscriber',
        'enrollee',
        'beneficiary',
        'recipient',
        'Medicaid',
        'Medi-Cal',
        'identification',
        'patient',
      ],
      'gi',
      String.raw`[ \t]*(?:[I1l]D|I\.D\.|Identification|number|#)(?:[ \t]*(?:number|no\.))?`,
    ),
    REFERENCE,
  ).map((f) => checked(f, true, read));
  // A masked id ("XXXXXX-2K71", as a Medicare Summary Notice prints it) is no id to take.
  return best(
    [...mbi, ...plain].filter((c) => !/X{3,}|\*{3,}/.test(c.text)),
    pages,
  );
}

function patientName(pages: readonly NoticePage[]): NoticeField | null {
  const read = (t: string) => (isPersonName(t) ? t : null);
  const labelled = afterLabel(
    pages,
    oneOf(
      [
        String.raw`(?:patient|member|enrollee|beneficiary)(?:'s)? name`,
        'name of (?:patient|member|enrollee)',
        String.raw`(?:patient|member|enrollee|beneficiary)(?=[ \t]*:)`,
        String.raw`^name(?=[ \t]*:)`,
      ],
      'gim',
    ),
    NAME,
  ).map((f) => checked(f, true, read));
  // "Dear Maria Lopez:" names the patient when a notice is addressed to them; no label, so medium at best.
  const greeting = afterLabel(pages, /^Dear(?= )/gim, NAME)
    .filter((f) => !/^(?:Dr|Doctor|Provider|Member|Sir|Madam)\b/.test(f.text))
    .map((f) => checked(f, false, read));
  return best([...labelled, ...greeting], pages);
}

const CLAIM_LABEL = oneOf([
  String.raw`claim[ \t]*(?:number|no\.|#|[I1l]D|reference(?: number)?|control number)`,
  'internal control number',
  'ICN',
  'document control number',
  'DCN',
]);
const AUTHORIZATION_LABEL = oneOf([
  String.raw`(?:prior )?authori[sz]ation[ \t]*(?:number|no\.|#|ID|reference)`,
  String.raw`auth[ \t]*(?:number|no\.|#)`,
  String.raw`(?:request|case|review|reference|tracking)[ \t]*(?:number|no\.|#|ID)`,
]);

function reference(pages: readonly NoticePage[], label: RegExp): NoticeField | null {
  return best(
    afterLabel(pages, label, REFERENCE).map((f) => checked(f, true, (t) => (isReferenceNumber(t) ? t : null))),
    pages,
  );
}

function noticeDate(pages: readonly NoticePage[]): NoticeField | null {
  const labelled = afterLabel(
    pages,
    oneOf(
      [
        'notice date',
        'date of (?:this )?(?:notice|letter)',
        'letter date',
        'date (?:mailed|issued|sent)',
        'issue date',
        '(?:decision|determination) date',
        String.raw`^date(?=[ \t]*:)`,
      ],
      'gim',
    ),
    DATE,
  ).map((f) => checked(f, true, readDate));
  // A date alone on a line near the top of the first page is the letter's date.
  const first = pages[0];
  const alone: Candidate[] = [];
  if (first) {
    const top = first.text.split('\n').slice(0, 15).join('\n');
    for (const m of top.matchAll(new RegExp(`^[ \\t]*(${DATE_PATTERN.source})[ \\t]*$`, 'gm'))) {
      alone.push(checked({ page: first.page, index: m.index + m[0].indexOf(m[1]), text: m[1] }, true, readDate));
      break;
    }
  }
  return best([...labelled, ...alone], pages);
}

const SERVICE_LABEL =
  /\b(?:dates? of service|service dates?|date\(s\) of service|DOS|dates? of (?:admission|stay)|admission date)\b/gi;

function datesOfService(pages: readonly NoticePage[]): NoticeField[] {
  const range = new RegExp(
    `(${DATE_PATTERN.source})(?:[ \\t]*(?:-|\\u2013|to|through|thru)[ \\t]*(${DATE_PATTERN.source}))?`,
    'y',
  );
  const found: Candidate[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(SERVICE_LABEL)) {
      const rest = text.slice(m.index + m[0].length);
      const gap = /^[ \t]*(?:\(s\))?[ \t]*[:;.]?[ \t]*(?:\r?\n[ \t]*)?/.exec(rest)?.[0].length ?? 0;
      range.lastIndex = m.index + m[0].length + gap;
      const r = range.exec(text);
      if (!r) continue;
      found.push(checked({ page, index: r.index, text: r[1] }, true, readDate));
      if (r[2]) found.push(checked({ page, index: r.index + r[0].lastIndexOf(r[2]), text: r[2] }, true, readDate));
    }
  return distinct(found, pages);
}

/** Codes listed after a label on the same line (or the next), separated by commas, spaces or "and". */
function codesAfter(pages: readonly NoticePage[], label: RegExp, code: RegExp) {
  const out: { page: number; index: number; text: string }[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(label)) {
      const start = m.index + m[0].length;
      // To the end of the line, or of the next when the label ends its line.
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (!text.slice(start, end).trim()) {
        end = text.indexOf('\n', end + 1);
        if (end < 0) end = text.length;
      }
      // A list ends where another begins ("CO-50 and remark code N115").
      const segment = text.slice(start, end).split(/\b(?:remark|RARC|ICD|diagnos)/i)[0];
      for (const c of segment.matchAll(code)) out.push({ page, index: start + c.index, text: c[0] });
    }
  return out;
}

function procedureCodes(pages: readonly NoticePage[]): NoticeField[] {
  const read = (t: string) => (isCpt(t) || isHcpcs(t) ? t : null);
  const label =
    /\b(?:CPT|HCPCS|procedure codes?|service codes?|billing codes?)(?:[ \t]*\/[ \t]*HCPCS)?(?:[ \t]*codes?)?/gi;
  const found = codesAfter(pages, label, /\b[A-Z0-9]\d{3}[0-9A-Z]\b/g).map((f) => checked(f, true, read));
  // "Home sleep apnea test (G0399)": a code in parentheses after the service's name, without a label.
  const named = everywhere(pages, /\(([A-Z]?\d{4}[0-9FT]?)\)/g)
    .filter((f) => f.text.length === 5)
    .map((f) => checked(f, false, read));
  return distinct([...found, ...named], pages);
}

function diagnosisCodes(pages: readonly NoticePage[]): NoticeField[] {
  const read = (t: string) => (isIcd10(t) ? t : null);
  const label = /\b(?:ICD-?10(?:-CM)?|diagnos[ie]s(?: codes?)?|Dx)\b/gi;
  // After a label any letter is taken, so that a code of the wrong shape is shown, rated low.
  const labelled = codesAfter(pages, label, /\b[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b/g).map((f) =>
    checked(f, true, read),
  );
  // A code with its dot is an ICD-10 shape few other things have; without a label, medium.
  const dotted = everywhere(pages, /\b[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b/g).map((f) => checked(f, false, read));
  return distinct([...labelled, ...dotted], pages);
}

function carcs(pages: readonly NoticePage[]): NoticeField[] {
  const read = (t: string) => (isKnownCarc(t) ? t.replace(/^(CO|PR|OA|PI|CR)[- ]?/i, '').toUpperCase() : null);
  // "CO-50", "PR 204": the group in front says it is a CARC.
  const grouped = everywhere(pages, /\b(?:CO|PR|OA|PI|CR)[- ]?(?:[A-Z]?\d{1,3})\b/g).map((f) => checked(f, true, read));
  const label = oneOf(
    ['CARCs?', '(?:claim )?adjustment reason codes?', '(?<!remark |remittance )reason codes?'],
    'gi',
    String.raw`\b(?:[ \t]*\((?:CARC|s)\))?`,
  );
  const listed = codesAfter(pages, label, /(?<![\w-])(?:[A-Z]?\d{1,3})(?![\w.-])/g).map((f) => checked(f, true, read));
  return distinct([...grouped, ...listed], pages);
}

function rarcs(pages: readonly NoticePage[]): NoticeField[] {
  const read = (t: string) => (isKnownRarc(t) ? t.toUpperCase() : null);
  const label = /\b(?:RARCs?|(?:remittance advice )?remark codes?)\b(?:[ \t]*\(RARC\))?/gi;
  const listed = codesAfter(pages, label, /\b(?:MA|M|N)\d{1,3}\b/g).map((f) => checked(f, true, read));
  return distinct(listed, pages);
}

const REASON_HEADING = new RegExp(
  '^[ \\t]*(?:reasons? for (?:the |this |our )?(?:denial|decision|determination)|denial reason|' +
    'why (?:we|your|the)[^\\n]{0,40}?(?:denied|not approved|decision|said no)|' +
    'explanation of (?:the |our )?(?:denial|decision)|the reason for our decision|' +
    'basis for (?:the |this )?(?:denial|decision)|' +
    'rationale|determination(?=[ \\t]*:))' +
    // The heading ends its line, or a colon puts the reason beside it ("Reason for denial: The…").
    '(?:[^\\n:]{0,40}:?[ \\t]*\\n|[ \\t]*:[ \\t]*(?=\\S))',
  'gim',
);

/** Words a payer's reason uses, to find it where no heading announces it. */
const DENIAL_WORDS = oneOf(
  [
    'denied',
    'denies',
    'deny',
    'not covered',
    'not medically necessary',
    'does not (?:pay|meet)',
    'not (?:payable|approved)',
    String.raw`more than \d+ days after`,
  ],
  'i',
  String.raw`\b`,
);

/** A line that starts something other than the reason: a heading, a label, the reviewer, the codes. */
function startsOther(line: string): boolean {
  const t = line.trim();
  if (!t) return true;
  if (
    /^(?:this decision was|reviewed by|our medical director|physician reviewer|reviewing physician|sincerely)/i.test(t)
  )
    return true;
  if (/^[A-Z][A-Za-z ()/#'-]{1,40}:(?:\s|$)/.test(t)) return true;
  return t.length < 60 && !/[.,;:]$/.test(t) && /^[A-Z]/.test(t) && t.split(/\s+/).length <= 8;
}

/**
 * The paragraph starting at `start`: its lines until a blank line, a line that starts something
 * else, or a line ending a sentence well short of the page's width (a paragraph's last line: the
 * text layer keeps no blank line between paragraphs).
 */
function paragraphAt(text: string, start: number): { index: number; text: string } | null {
  const width = Math.max(...text.split('\n').map((l) => l.trim().length));
  let at = start;
  let end = start;
  let lines = 0;
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    if (lines > 0 && startsOther(line)) break;
    if (!line.trim()) {
      if (lines > 0) break;
    } else {
      lines++;
      end = at + line.trimEnd().length;
      if (/[.!?]["')]?$/.test(line.trim()) && line.trim().length < 0.8 * width) break;
      if (end - start > 1500) break;
    }
    if (eol < 0) break;
    at = eol + 1;
  }
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const paragraph = raw.trim();
  return paragraph ? { index: start + lead, text: paragraph } : null;
}

function denialReason(pages: readonly NoticePage[]): NoticeField | null {
  const found: Candidate[] = [];
  const candidate = (page: number, p: { index: number; text: string }, labelled: boolean): Candidate => ({
    value: p.text.replace(/\s+/g, ' '),
    page,
    ...p,
    labelled,
    valid: p.text.split(/\s+/).length >= 6 && /[.!?]["')]?$/.test(p.text),
  });
  for (const { page, text } of pages)
    for (const m of text.matchAll(REASON_HEADING)) {
      let start = m.index + m[0].length;
      // "Determination: Not approved" gives a verdict beside the heading; the reason follows it.
      const rest = text.slice(start, text.indexOf('\n', start) >>> 0);
      if (!/[.!?]/.test(rest) && rest.split(/\s+/).length <= 5) start += rest.length + 1;
      const p = paragraphAt(text, start);
      if (p) found.push(candidate(page, p, true));
    }
  if (found.length) return best(found, pages);
  // No heading: the first paragraph that says what was denied, unlabelled.
  for (const { page, text } of pages)
    for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) {
      const line = text.slice(at, text.indexOf('\n', at) >>> 0);
      if (startsOther(line)) continue;
      const p = paragraphAt(text, at);
      if (p && DENIAL_WORDS.test(p.text) && p.text.split(/\s+/).length >= 15)
        return best([candidate(page, p, false)], pages);
    }
  return null;
}

/** The sentences of a page, each with where it starts. */
function sentences(pages: readonly NoticePage[]) {
  const out: { page: number; index: number; text: string }[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(/[^.!?]+(?:[.!?](?=\s|$)|$)/g)) {
      const lead = m[0].length - m[0].trimStart().length;
      out.push({ page, index: m.index + lead, text: m[0].trim() });
    }
  return out;
}

function appealDeadline(pages: readonly NoticePage[]): NoticeField<{ date?: string; days?: number }> | null {
  const found: Candidate<{ date?: string; days?: number }>[] = [];
  for (const s of sentences(pages)) {
    if (!/appeal|redetermination|reconsideration|review|request|must be (?:filed|received|submitted)/i.test(s.text))
      continue;
    if (/peer[- ]to[- ]peer|\bP2P\b/i.test(s.text)) continue;
    const days = /\bwithin[ \t\n]+(\d{1,3})[ \t\n]+(?:calendar[ \t\n]+|business[ \t\n]+|working[ \t\n]+)?days\b/i.exec(
      s.text,
    );
    const date = new RegExp(`\\b(?:no later than|by|before|on or before)[ \\t\\n]+(${DATE_PATTERN.source})`, 'i').exec(
      s.text,
    );
    if (date) {
      const iso = readDate(date[1]);
      const text = date[1];
      found.push({
        value: iso ? { date: iso } : {},
        page: s.page,
        index: s.index + date.index + date[0].indexOf(text),
        text,
        labelled: true,
        valid: iso !== null,
      });
    } else if (days) {
      const n = Number(days[1]);
      found.push({
        value: { days: n },
        page: s.page,
        index: s.index + days.index,
        text: days[0],
        labelled: true,
        valid: n >= 1 && n <= 365,
      });
    }
  }
  return best(found, pages);
}

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|' +
  'NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const CITY_LINE = new RegExp(`,?[ \\t]+(?:${STATES})[ \\t]+\\d{5}(?:-\\d{4})?[ \\t]*$`);

function appealsAddress(pages: readonly NoticePage[]): NoticeField | null {
  const found: Candidate[] = [];
  // "Send your appeal to:", "Write to us at:", "Appeals address:" — a line ending so, after words about appeals.
  const label = /(?:\b(?:to|at)|address(?:es)?)[ \t]*:[ \t]*\n/gi;
  for (const { page, text } of pages)
    for (const m of text.matchAll(label)) {
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      if (!/appeal|redetermination|reconsideration|grievance|review/i.test(before)) continue;
      const start = m.index + m[0].length;
      // An OCR may set the address's lines a blank line apart: up to six lines to the city, or to a blank line.
      const lines = text
        .slice(start)
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, 6);
      const city = lines.findIndex((l) => CITY_LINE.test(l));
      const kept = (
        city >= 0
          ? lines.slice(0, city + 1)
          : text
              .slice(start)
              .split(/\n[ \t]*\n/)[0]
              .split('\n')
      )
        .map((l) => l.trim())
        .filter(Boolean);
      if (!kept.length) continue;
      const last = kept[kept.length - 1];
      found.push({
        value: kept.join(', '),
        page,
        index: start,
        text: text.slice(start, text.indexOf(last, start) + last.length),
        labelled: true,
        valid: CITY_LINE.test(last) && kept.length >= 2,
      });
    }
  return best(found, pages);
}

// Any ten digits as a phone is printed; `nanpDigits` then says whether it is a real number.
const PHONE = /(?:\+?1[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]?\d{3}[ .-]?\d{4}\b/g;

function appealsFax(pages: readonly NoticePage[]): NoticeField | null {
  const found: Candidate[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(/\bfax(?:[ \t]*(?:number|no\.|#))?[^\n\d(]{0,40}/gi)) {
      const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      const phone = new RegExp(PHONE.source).exec(tail);
      if (!phone || phone.index > 2) continue;
      const digits = nanpDigits(phone[0]);
      // The fax of the appeals section is the one wanted: near the word "appeal" or the address.
      const before = text.slice(Math.max(0, m.index - 400), m.index);
      const labelled = /appeal|redetermination|reconsideration|grievance/i.test(before + m[0]);
      found.push({
        value: digits ?? phone[0],
        page,
        index: m.index + m[0].length + phone.index,
        text: phone[0],
        labelled,
        valid: digits !== null,
      });
    }
  return best(found, pages);
}

const CREDENTIAL = `(?:${CREDENTIALS.map((c) => c.replace('-', '\\-')).join('|')})`;

function reviewer(pages: readonly NoticePage[]): NoticeField<{ name: string; credentials: string[] }> | null {
  const pattern = new RegExp(
    `(?:reviewed by|reviewer|physician reviewer|reviewing physician|medical director|made by|signed by)` +
      `[ \\t]*[:,]?[ \\t]*(?:\\n[ \\t]*)?` +
      `((?:Dr\\.? )?[A-Z][A-Za-z.'\\u2019-]*(?: [A-Z][A-Za-z.'\\u2019-]*){1,3}),[ \\t]*` +
      `(${CREDENTIAL}\\.?(?:,[ \\t]*${CREDENTIAL}\\.?)*)\\b`,
    'gi',
  );
  const signature = new RegExp(
    `^[ \\t]*((?:Dr\\.? )?[A-Z][a-z'\\u2019-]+(?: [A-Z]\\.)?(?: [A-Z][a-z'\\u2019-]+){1,2}),[ \\t]*` +
      `(${CREDENTIAL}(?:,[ \\t]*${CREDENTIAL})*)[ \\t]*\\n` +
      `[ \\t]*(?:[^\\n]*(?:Medical Director|Physician|Reviewer|Pharmacist|Nurse))`,
    'gm',
  );
  const found: Candidate<{ name: string; credentials: string[] }>[] = [];
  for (const [re, labelled] of [
    [pattern, true],
    [signature, true],
  ] as const)
    for (const { page, text } of pages)
      for (const m of text.matchAll(re)) {
        const name = m[1].replace(/^Dr\.? /, '').trim();
        const credentials = m[2].split(/,\s*/).map((c) => c.replace(/\.$/, ''));
        const text = `${m[1]}, ${m[2]}`;
        found.push({
          value: { name, credentials },
          page,
          index: m.index + m[0].indexOf(m[1]),
          text: m[0].slice(m[0].indexOf(m[1]), m[0].indexOf(m[2]) + m[2].length),
          labelled,
          valid:
            isPersonName(name) &&
            credentials.every((c) => CREDENTIALS.some((k) => k.toUpperCase() === c.toUpperCase())) &&
            text.length > 0,
        });
      }
  return best(found, pages);
}

function criteria(pages: readonly NoticePage[]): NoticeField<{ kind: CriteriaKind; reference?: string }>[] {
  const rules: [CriteriaKind, RegExp, (m: RegExpMatchArray) => { reference?: string; valid: boolean }][] = [
    [
      'interqual',
      /\bInterQual\b(?:®)?(?:[ \t]+(?:\d{4}[ \t]+)?[A-Z][\w-]*(?: [A-Z][\w-]*){0,3})?/g,
      () => ({ valid: true }),
    ],
    [
      'mcg',
      /\b(?:MCG(?: Health)?|Milliman Care Guidelines)\b(?:[ \t]+(?:guideline[ \t]+)?\(?([A-Z]{1,3}-\d{3,4})\)?)?/g,
      (m) => ({ reference: m[1], valid: true }),
    ],
    [
      'lcd',
      /\b(?:LCD|Local Coverage Determination)[ \t]*(?:\(LCD\)[ \t]*)?(?:#|number|no\.)?[ \t]*([A-Z]?\d{3,6})\b/gi,
      (m) => ({ reference: m[1].toUpperCase(), valid: /^L\d{5}$/i.test(m[1]) }),
    ],
    [
      'ncd',
      oneOf(
        ['NCD', 'National Coverage Determination'],
        'gi',
        String.raw`[ \t]*(?:\(NCD\)[ \t]*)?(?:#|number|no\.)?[ \t]*(\d{1,3}(?:\.\d{1,2}){0,2})\b`,
      ),
      (m) => ({ reference: m[1], valid: /^\d{2,3}(?:\.\d{1,2}){0,2}$/.test(m[1]) }),
    ],
    [
      'plan_policy',
      oneOf(
        ['(?:medical|clinical|coverage|payment|reimbursement) policy', 'policy'],
        'gi',
        // "Medical Policy MP-2024-117", "Clinical Policy: CP.MP.107" (the number may wrap to the next line).
        String.raw`[ \t]*(?:number|no\.|#|ID)?[ \t]*:?\s{0,3}\(?` +
          String.raw`([A-Z]{1,6}[.-]?[A-Z]{0,4}[.-]?\d{1,4}(?:[.-]\d{1,4})*)\)?`,
      ),
      (m) => ({ reference: m[1], valid: /\d/.test(m[1]) }),
    ],
  ];
  const found: Candidate<{ kind: CriteriaKind; reference?: string }>[] = [];
  for (const [kind, re, read] of rules)
    for (const { page, text } of pages)
      for (const m of text.matchAll(re)) {
        const { reference, valid } = read(m);
        found.push({
          value: { kind, ...(reference ? { reference } : {}) },
          page,
          index: m.index,
          text: m[0],
          labelled: true,
          valid,
        });
      }
  return distinct(found, pages, (v) => `${v.kind}|${v.reference ?? ''}`).filter(
    (field, _i, all) =>
      field.value.reference || !all.some((o) => o.value.kind === field.value.kind && o.value.reference),
  );
}

/** The rest of a sentence: to its full stop, over the stops of "8 a.m." and "6 p.m.". */
const SENTENCE_REST = String.raw`(?:[ap]\.m\.|[^.])*`;

/** The window of a peer-to-peer offer as printed: "within 14 calendar days…", "Monday through Friday…". */
const P2P_WINDOW = oneOf(
  [
    String.raw`within\s+\d{1,3}\s+(?:calendar\s+|business\s+)?days${SENTENCE_REST}`,
    String.raw`(?:Monday|Mon\.?)\s+(?:through|to|-)\s+(?:Friday|Fri\.?)${SENTENCE_REST}`,
    `no later than${SENTENCE_REST}`,
    String.raw`by [A-Z][a-z]+ \d{1,2}, \d{4}${SENTENCE_REST}`,
  ],
  'i',
);

function peerToPeer(pages: readonly NoticePage[]): NoticeField<{ phone?: string; window?: string }> | null {
  const found: Candidate<{ phone?: string; window?: string }>[] = [];
  for (const { page, text } of pages)
    for (const m of text.matchAll(
      oneOf([
        'peer[- ]to[- ]peer',
        'P2P',
        'discuss (?:this|the|our) (?:decision|case|request) with ' +
          '(?:a|the|our) (?:physician|medical director|reviewer|doctor)',
      ]),
    )) {
      const span = text.slice(m.index, m.index + 500);
      const phone = new RegExp(PHONE.source).exec(span);
      const window = P2P_WINDOW.exec(span);
      const digits = phone ? nanpDigits(phone[0]) : null;
      const value = {
        ...(digits ? { phone: digits } : {}),
        ...(window ? { window: window[0].replace(/\s+/g, ' ').trim() } : {}),
      };
      found.push({ value, page, index: m.index, text: m[0], labelled: true, valid: digits !== null });
    }
  return best(found, pages);
}
