/**
 * The clinician's case file as a page: the case, its deadlines with urgency, the status
 * actions allowed now (only those), the narrative form and the timeline, newest first.
 * The case is read through the cases domain, which enforces who may see it and audits it.
 */
import { allowedTransitions, awaitsDecision, getCase, isDecision, type CaseView } from '../cases/index.js';
import { describeReasonCodes } from '../reason-codes/index.js';
import { describeDecisionTimeframes, FAST_TRACK_PLANS } from '../deadlines/index.js';
import { type Clock } from '../platform/clock.js';
import { isOneOf } from '../platform/guards.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { urgencyOf } from './board.service.js';
import { DateTime } from 'luxon';
import {
  actionLabel,
  deadlineHeading,
  displayDate,
  displayDay,
  dueByText,
  dueTimeOf,
  label,
  peerToPeerText,
} from './web-labels.js';

/** Roles that may edit case fields, as the API's PATCH /cases/:caseId allows. */
export const CASE_EDITORS = ['clinician', 'billing', 'admin'] as const;

export const NARRATIVE_FIELDS = [
  { key: 'clinicalSummary', text: 'Clinical summary', hint: 'The story of the illness and treatment so far' },
  { key: 'medicalNecessity', text: 'Why it is medically necessary', hint: 'Tie the facts to the payer’s own criteria' },
  { key: 'patientImpact', text: 'What denial or delay means for the patient' },
  { key: 'request', text: 'The ask, in one line', hint: 'Approve X for Y because Z' },
] as const;

/**
 * "2026-11-23T14:05:00Z" in America/New_York → "23 Nov 2026, 09:05 EST": the clinic's own clock,
 * with its zone named.
 */
export function displayDateTime(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(at), { zone }).toFormat('d LLL yyyy, HH:mm ZZZZ');
}

/** Changed fields the timeline names in the clinic's words (by path, or by the part of the case); others by name. */
const FIELD_WORDS: Record<string, string> = {
  appellant: 'who files',
  'denial.action': 'the payer’s action',
  'denial.intendedEffectiveDate': 'the date it takes effect',
  fastTrack: 'the Medicare notice',
  assigneeId: 'who works the case',
  'narrative.clinicalSummary': 'the clinical summary',
  'narrative.medicalNecessity': 'why it is medically necessary',
  'narrative.patientImpact': 'what denial means for the patient',
  'narrative.request': 'the ask',
  'narrative.keyFacts': 'key clinical facts',
  'narrative.alternativesTried': 'alternatives tried',
};

function updatedFields(fields: string[]): string {
  const words = fields.map((f) => FIELD_WORDS[f] ?? FIELD_WORDS[f.split('.')[0]] ?? f.split('.').pop());
  return [...new Set(words)].join(', ');
}

function timelineView(c: CaseView, zone: string) {
  return [...(c.timeline ?? [])].reverse().map((t) => ({
    at: displayDateTime(t.at, zone),
    iso: new Date(t.at).toISOString(),
    actor: t.actorName,
    what:
      t.type === 'created'
        ? 'Opened the case'
        : t.type === 'status_changed'
          ? `${label(t.fromStatus)} → ${label(t.toStatus)}`
          : t.type === 'level_advanced'
            ? `Appealed to ${label(t.level)}`
            : t.type === 'p2p'
              ? `Peer-to-peer${t.toStatus ? `: ${label(t.fromStatus)} → ${label(t.toStatus)}` : ''}`
              : t.type === 'updated'
                ? `Updated ${updatedFields(t.fields ?? [])}`
                : t.type === 'deadline_overridden'
                  ? 'Deadline set from the payer’s notice'
                  : t.type === 'remittance'
                    ? 'From a later remittance'
                    : label(t.type).replace(/^./, (first) => first.toUpperCase()),
    note: t.note,
    quote: t.quote?.text ? { speaker: label(t.quote.speaker), text: t.quote.text } : undefined,
    alternatives: t.alternativesOffered?.length ? t.alternativesOffered.join('; ') : undefined,
    contact: t.contact
      ? [t.contact.name, t.contact.role, t.contact.method && label(t.contact.method)].filter(Boolean).join(', ')
      : undefined,
  }));
}

function standingOf(c: CaseView): string {
  const due = c.deadlines.find((d) => d.level === c.appealLevel && (d.kind === 'filing' || d.kind === 'decision'));
  const when = due ? `, ${due.kind === 'filing' ? 'file' : 'decision due'} by ${displayDate(due.dueDate)}` : '';
  return `${label(c.appealLevel)} — ${label(c.status).toLowerCase()}${when}`;
}

/**
 * Each deadline with what it asks, when, and how urgent that is now: by the hour for one
 * counted in hours ("by noon, clinic time, Tue 1 Dec 2026", "Due in 5 hours").
 */
function deadlinesView(c: CaseView, clock: Clock) {
  return c.deadlines.map((d) => {
    const time = dueTimeOf(d, clock.timeZone);
    return {
      ...d,
      heading: deadlineHeading(d.kind, d.level),
      due: time ? dueByText(d.dueDate, time) : displayDate(d.dueDate),
      urgency: urgencyOf(d.dueDate, clock.today(), { dueAt: d.dueAt, now: clock.now() }),
      lastBusinessDay: d.lastBusinessDay && displayDay(d.lastBusinessDay),
      overridden: Boolean(d.override),
    };
  });
}

/**
 * While the payer owes a decision it has no computed date for, the level's timeframe in words:
 * a Medicare Advantage ALJ or Council case reads "no regulatory decision deadline", and is never overdue.
 */
function decisionTimeframe(c: CaseView): string | undefined {
  if (!awaitsDecision(c.status) || c.deadlines.some((d) => d.kind === 'decision')) return undefined;
  const words = describeDecisionTimeframes({
    plan: c.payer.planType,
    level: c.appealLevel,
    noticeDate: c.levelNotice.noticeDate,
  });
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The Medicare notice of the QIO fast track as its form shows it: the receipt split into day and hour. */
function noticeForm(c: CaseView, zone: string) {
  const notice = c.fastTrack;
  if (!notice) return { kind: '', receivedOn: '', receivedAt: '', serviceEnd: '' };
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(notice.noticeReceivedAt);
  const received = DateTime.fromISO(notice.noticeReceivedAt, { zone });
  return {
    kind: notice.kind,
    receivedOn: dateOnly ? notice.noticeReceivedAt : (received.toISODate() ?? ''),
    receivedAt: dateOnly ? '' : received.toFormat('HH:mm'),
    serviceEnd: notice.serviceEnd,
  };
}

/**
 * The moves offered under "Change status". A submission is recorded under the packet that was sent
 * (how, when, the confirmation), so it is not one of them: the page has one "Record submission".
 */
const statusMoves = (status: CaseView['status']) => allowedTransitions(status).filter((to) => to !== 'submitted');

/** The case's codes as shown: the description the case holds, else the table's (or "Unknown code"). */
async function reasonCodesView(codes: CaseView['denial']['reasonCodes']) {
  const described = await describeReasonCodes(codes.map((r) => r.code));
  return codes.map((r, i) => ({
    ...r,
    text: `${r.kind} ${r.group ? `${r.group}-` : ''}${r.code}`,
    meaning: r.description ?? described[i].description,
  }));
}

/** "Maria Alvarez, born 12 Apr 1961, MRN 204611": only what is known (a remittance names no birth date or MRN). */
function patientFacts(p: CaseView['patient']): string {
  return [
    [p.firstName, p.lastName].filter(Boolean).join(' '),
    p.dateOfBirth && `born ${displayDate(p.dateOfBirth)}`,
    p.mrn && `MRN ${p.mrn}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The service in words, each code once: an imported case's description already lists its lines'
 * codes ("Claim lines 97110, 97140"), so they are not repeated after it.
 */
function serviceText(s: CaseView['service']): string {
  const codes = [...new Set(s.cptCodes ?? [])];
  const description = s.description.replace(
    /^Claim lines (.+)$/,
    (_, list: string) => `Claim lines ${[...new Set(list.split(/,\s*/))].join(', ')}`,
  );
  const unlisted = codes.filter((code) => !description.includes(code));
  return unlisted.length ? `${description} (${unlisted.join(', ')})` : description;
}

/** @param zone - the clinic's IANA time zone, in which times are shown */
export async function loadCaseFile(caseId: string, user: AuthenticatedUser, clock: Clock, zone: string) {
  const c = await getCase(caseId, user);
  const status = c.status;
  const actions = statusMoves(status).map((to) => ({
    to,
    text: actionLabel(to, status),
    needsDecisionDate: isDecision(to),
  }));
  return {
    id: c.id,
    version: c.version,
    record: c,
    patientName: `${c.patient.firstName} ${c.patient.lastName}`,
    patientFacts: patientFacts(c.patient),
    serviceText: serviceText(c.service),
    reasonCodes: await reasonCodesView(c.denial.reasonCodes),
    deadlines: deadlinesView(c, clock),
    decisionTimeframe: decisionTimeframe(c),
    /** "Reconsideration — gathering evidence, due 24 Jan 2027": where the appeal level stands. */
    standing: standingOf(c),
    p2p: peerToPeerText(c.peerToPeer),
    actions,
    anyDecision: actions.some((a) => a.needsDecisionDate),
    levelHistory: c.levelHistory.map((h) => ({ ...h, level: label(h.level), outcome: label(h.outcome) })),
    timeline: timelineView(c, zone),
    canEdit: isOneOf(CASE_EDITORS, user.role),
    narrative: NARRATIVE_FIELDS.map((f) => ({ ...f, value: c.narrative?.[f.key] ?? '' })),
    /** The QIO fast track is Original Medicare's and Medicare Advantage's only. */
    medicareNotice: isOneOf(FAST_TRACK_PLANS, c.payer.planType) ? noticeForm(c, zone) : undefined,
  };
}
export type CaseFile = Awaited<ReturnType<typeof loadCaseFile>>;
