/**
 * Peer-to-peer (P2P) windows. No federal rule sets one for commercial plans: it is payer
 * policy or state law, configured per payer as days, calendar or business, from an event.
 */
import { parseIsoDate } from './calendar-date.js';
import type { ComputedDeadline, PeerToPeerWindowInput } from './deadline.types.js';
import { describeLength, endOfWindow, validatePayerWindow } from './payer-window.js';
import { rollBack } from './rollover.js';

/**
 * The last day to hold a peer-to-peer under a payer's window.
 *
 * Business-day windows skip weekends and federal holidays. A calendar-day window whose last
 * day is a weekend or federal holiday is moved back to the working day before it, not
 * forward: a P2P needs the payer's reviewer on the phone, and payers' P2P lines keep business
 * hours, so the earlier day is the last one that can actually be used.
 *
 * @param input - the date of the event the payer counts from, and the payer's window
 * @throws DeadlineRuleError BAD_DATE, BAD_WINDOW
 */
export function computePeerToPeerWindow(input: PeerToPeerWindowInput): ComputedDeadline {
  const from = parseIsoDate(input.from, 'from');
  const window = validatePayerWindow(input.window);
  const raw = endOfWindow(from, window.days, window.unit);
  const rolled =
    window.unit === 'calendar' ? rollBack(raw, 'P2P lines keep business hours') : { dueDate: raw, text: '' };
  const event = window.countFrom === 'notice' ? 'the notice date' : 'receipt';
  const citation = window.label ?? 'payer P2P policy';
  return {
    dueDate: rolled.dueDate,
    basis: `${describeLength(window.days, window.unit)} from ${event} (${from}) → ${raw}${rolled.text}; ${citation}`,
    citation,
    countedFrom: window.countFrom,
    ...('rolledOver' in rolled && rolled.rolledOver ? { rolledOver: rolled.rolledOver } : {}),
  };
}
