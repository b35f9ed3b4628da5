/**
 * The clinician's case file as a page: the case, its deadlines with urgency, the status
 * actions allowed now (only those), the narrative form and the timeline, newest first.
 * The case is read through the cases domain, which enforces who may see it and audits it.
 */
import {
  allowedTransitions,
  findVisibleCase,
  isDecision,
  KNOWN_REASON_CODES,
  type CaseRecord,
} from '../cases/index.js';
import { type Clock } from '../platform/clock.js';
import { isOneOf } from '../platform/guards.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { urgencyOf } from './board.service.js';
import { DateTime } from 'luxon';
import { actionLabel, displayDate, label, peerToPeerText } from './web-labels.js';

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

function timelineView(c: CaseRecord, zone: string) {
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
                ? `Updated ${(t.fields ?? []).map((f) => f.split('.').pop()).join(', ')}`
                : t.type === 'deadline_overridden'
                  ? 'Deadline set from the payer’s notice'
                  : label(t.type),
    note: t.note,
    quote: t.quote?.text ? { speaker: label(t.quote.speaker), text: t.quote.text } : undefined,
    alternatives: t.alternativesOffered?.length ? t.alternativesOffered.join('; ') : undefined,
    contact: t.contact
      ? [t.contact.name, t.contact.role, t.contact.method && label(t.contact.method)].filter(Boolean).join(', ')
      : undefined,
  }));
}

function standingOf(c: CaseRecord): string {
  const due = c.deadlines.find((d) => d.level === c.appealLevel && d.kind !== 'continuation_of_benefits');
  const when = due ? `, ${due.kind === 'filing' ? 'file' : 'decision due'} by ${displayDate(due.dueDate)}` : '';
  return `${label(c.appealLevel)} — ${label(c.status).toLowerCase()}${when}`;
}

/** @param zone - the clinic's IANA time zone, in which times are shown */
export async function loadCaseFile(caseId: string, user: AuthenticatedUser, clock: Clock, zone: string) {
  const c = await findVisibleCase(caseId, user, 'case.read');
  const today = clock.today();
  const status = c.status;
  const actions = allowedTransitions(status).map((to) => ({
    to,
    text: actionLabel(to, status),
    needsDecisionDate: isDecision(to),
  }));
  return {
    id: String(c._id),
    version: c.__v,
    record: c,
    patientName: `${c.patient.firstName} ${c.patient.lastName}`,
    reasonCodes: c.denial.reasonCodes.map((r) => ({
      ...r,
      text: `${r.kind} ${r.group ? `${r.group}-` : ''}${r.code}`,
      meaning: r.description ?? KNOWN_REASON_CODES[r.code]?.meaning,
    })),
    deadlines: c.deadlines.map((d) => ({
      ...d,
      urgency: urgencyOf(d.dueDate, today),
      overridden: Boolean(d.override),
    })),
    /** "Reconsideration — gathering evidence, due 24 Jan 2027": where the appeal level stands. */
    standing: standingOf(c),
    p2p: peerToPeerText(c.peerToPeer),
    actions,
    anyDecision: actions.some((a) => a.needsDecisionDate),
    levelHistory: c.levelHistory.map((h) => ({ ...h, level: label(h.level), outcome: label(h.outcome) })),
    timeline: timelineView(c, zone),
    canEdit: isOneOf(CASE_EDITORS, user.role),
    narrative: NARRATIVE_FIELDS.map((f) => ({ ...f, value: c.narrative?.[f.key] ?? '' })),
  };
}
export type CaseFile = Awaited<ReturnType<typeof loadCaseFile>>;
