/**
 * Claim lines worked by people: how a line under appeal ended (paid, upheld, written off,
 * rebilled, the patient's share), lines added to a case entered by hand, and the case's move once
 * every line under appeal is settled. Each change is one version-checked write of the case with
 * its timeline entry, audited.
 */
import type { CaseView } from './case-view.js';
import type { ClaimLineRecord, LineResolution } from './case.types.js';
import {
  amountAtStakeCents,
  lineOutcomeRefusal,
  lineSettlement,
  sameOutcome,
  settlementMove,
  settlementWords,
  type LineOutcome,
} from './case-claim.js';
import { assertVersion, commitChange, loadVisible, timelineEntry } from './case-store.js';
import { advanceCase } from './case-workflow.service.js';
import { AWAITING_STATUSES } from './case-status.js';
import { activeContacts } from '../auth/index.js';
import { AppError, conflict, unprocessable } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

interface Deps {
  clock: Clock;
}

/** A line's outcome as a person records it (`lineOutcomeBody`). */
export interface LineOutcomeInput {
  version: number;
  kind: LineOutcome['kind'];
  amountCents?: number;
  remittance?: string;
  reason?: string;
  /** Required of a write-off: the billing user or administrator who approved it. */
  approvedById?: string;
  note?: string;
}

/** Lines entered by hand (`addLinesBody`); `underAppeal` defaults to whether anything was denied. */
export interface NewLines {
  version: number;
  lines: (Omit<ClaimLineRecord, 'underAppeal' | 'resolution' | 'adjustments' | 'remarkCodes'> &
    Partial<Pick<ClaimLineRecord, 'underAppeal' | 'adjustments' | 'remarkCodes'>>)[];
  note?: string;
}

const APPROVERS = ['billing', 'admin'];
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The approver of a write-off by name: an active billing user or administrator, else 422 on the field. */
async function approverName(id: string): Promise<string> {
  const [user] = await activeContacts([id]);
  if (!user || !APPROVERS.includes(user.role))
    throw unprocessable('APPROVER_NOT_ALLOWED', 'A write-off is approved by an active billing user or administrator', [
      { field: 'body.approvedById', message: 'No active billing user or administrator has this id' },
    ]);
  return user.name;
}

/** "written off, $1,840.50, approved by Dana Reyes" */
function outcomeWords(line: ClaimLineRecord, o: LineResolution): string {
  const money =
    o.kind === 'written_off' ? dollars(line.deniedCents) : o.amountCents !== undefined ? dollars(o.amountCents) : '';
  const from = o.remittance ? ` on remittance ${o.remittance}` : '';
  const approved = o.approvedBy ? `, approved by ${o.approvedBy}` : '';
  return `${o.kind.replaceAll('_', ' ')}${money ? `, ${money}` : ''}${from}${approved}`;
}

/**
 * "Line 2 (72148-59): written off, $1,840.50, approved by Dana Reyes." — and, for a correction,
 * what it replaces: "Line 2 (72148-59): upheld (corrected: was written off, $1,840.50, …)."
 */
function lineWords(number: number, line: ClaimLineRecord, o: LineOutcome, was?: LineResolution): string {
  const code = line.procedure ? ` (${[line.procedure.code, ...line.procedure.modifiers].join('-')})` : '';
  const corrected = was ? ` (corrected: was ${outcomeWords(line, was)})` : '';
  return `Line ${number}${code}: ${outcomeWords(line, o)}${corrected}.`;
}

/**
 * Once every line under appeal is settled, moves the case where the workflow takes it
 * (`settlementMove`: paid in full while the payer owes its decision is `overturned`, dated today),
 * as its own version-checked step; any other settlement leaves the case for people to close.
 * @returns the case after the move, or null when it stays
 */
export async function moveWhenSettled(
  caseId: string,
  lines: readonly ClaimLineRecord[],
  status: CaseView['status'],
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView | null> {
  const settlement = lineSettlement(lines);
  const to = settlementMove(status, settlement);
  if (!to) return null;
  return advanceCase(
    caseId,
    to,
    actor,
    {
      decisionDate: deps.clock.today(),
      note: `Every line under appeal was paid. ${settlementWords(settlement)}`,
      // Someone may have recorded the decision in between: then the settlement is noted instead.
      onlyFrom: AWAITING_STATUSES,
      otherwise: 'note',
    },
    deps,
  );
}

/**
 * Records how line `number` (from 1) of the case ended, on the version the user read: its
 * amount at most what was denied on the line, a write-off approved by a billing user or
 * administrator. An outcome recorded by mistake is corrected the same way: the new one replaces
 * it, and the timeline entry (a `correction`, in the user's name) says what it was. When it
 * settles the last open line the timeline says so, and a case paid in full while awaiting the
 * payer's decision moves to overturned (`moveWhenSettled`).
 * @throws 404 LINE_NOT_FOUND, 409 STALE_VERSION / LINE_NOT_UNDER_APPEAL / LINE_OUTCOME_UNCHANGED,
 *   422 AMOUNT_ABOVE_DENIED / APPROVER_NOT_ALLOWED
 */
export async function recordLineOutcome(
  caseId: string,
  number: number,
  input: LineOutcomeInput,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  const { version: _version, approvedById, note, ...outcome } = input;
  const lines: ClaimLineRecord[] = doc.toObject().lines ?? [];
  const refusal = lineOutcomeRefusal(lines, number, outcome);
  if (refusal)
    throw new AppError(
      refusal.status,
      refusal.code,
      refusal.message,
      refusal.field ? [{ field: refusal.field, message: refusal.message }] : [],
    );
  const recorded: LineOutcome = {
    ...outcome,
    ...(approvedById ? { approvedBy: await approverName(approvedById) } : {}),
  };
  const now = deps.clock.now();
  const line = lines[number - 1];
  const was = line.resolution.kind === 'open' ? undefined : line.resolution;
  if (was && sameOutcome(was, recorded))
    throw conflict('LINE_OUTCOME_UNCHANGED', `Line ${number} is already resolved so (${outcomeWords(line, was)})`);
  const next = lines.map((l, i) => (i === number - 1 ? { ...l, resolution: { ...recorded, at: now } } : l));
  const settlement = lineSettlement(next);
  doc.set('lines', next);
  doc.timeline.push(
    timelineEntry(actor, now, was ? 'correction' : 'updated', {
      fields: ['lines'],
      note: [
        lineWords(number, line, recorded, was),
        recorded.reason && sentence(recorded.reason),
        note,
        settlement.settled ? settlementWords(settlement) : '',
      ]
        .filter(Boolean)
        .join(' '),
    }),
  );
  const action = was ? 'case.line_corrected' : 'case.line_resolved';
  const view = await commitChange(doc, { actor, action, fields: ['lines'], at: now });
  return (await moveWhenSettled(caseId, next, view.status, actor, deps)) ?? view;
}

/**
 * Adds service lines to a case entered by hand, on the version the user read; the amount at stake
 * becomes what is denied on its lines under appeal. An imported case's lines are its remittance's.
 * @throws 409 STALE_VERSION; 409 LINES_FROM_REMITTANCE for an imported case
 */
export async function addClaimLines(
  caseId: string,
  input: NewLines,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  if (doc.claim)
    throw conflict(
      'LINES_FROM_REMITTANCE',
      'The lines of an imported claim come from its remittance; add none by hand',
    );
  const added: ClaimLineRecord[] = input.lines.map((l) => ({
    ...l,
    adjustments: l.adjustments ?? [],
    remarkCodes: l.remarkCodes ?? [],
    underAppeal: l.underAppeal ?? l.deniedCents > 0,
    resolution: { kind: 'open' },
  }));
  const lines = [...(doc.toObject().lines ?? []), ...added];
  const now = deps.clock.now();
  doc.set('lines', lines);
  doc.set('amountAtStake', amountAtStakeCents(lines) / 100);
  const codes = added.map((l) => l.procedure?.code).join(', ');
  doc.timeline.push(
    timelineEntry(actor, now, 'updated', {
      fields: ['lines', 'amountAtStake'],
      note: [`Added ${added.length === 1 ? 'a line' : `${added.length} lines`}: ${codes}.`, input.note]
        .filter(Boolean)
        .join(' '),
    }),
  );
  return commitChange(doc, { actor, action: 'case.lines_added', fields: ['lines', 'amountAtStake'], at: now });
}
