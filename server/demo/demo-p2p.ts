import type { AuthenticatedUser } from '../auth/index.js';
import { FixedClock, addDays, type Clock } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import {
  requestPeerToPeer,
  proposeSlots,
  schedulePeerToPeer,
  recordOutcome,
  setAvailability,
  type ReviewView,
} from '../p2p/index.js';

const weekdays = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday, start, end }));

/**
 * Demo peer-to-peer reviews (requested, scheduled, completed, missed) and physicians' availability:
 * the two medical directors' weekly hours in their own zones, a P2P on each case the seed marked
 * (`DemoCase.p2p`), and the calls held ten days ago on clinical denials then being prepared
 * (`DemoCase.pastCall`, post-decision: one won, one the payer missed).
 */
export async function seedDemoPeerToPeer(
  users: Record<string, AuthenticatedUser>,
  calls: {
    open: { id: string; p2p: 'requested' | 'scheduled' }[];
    past: { id: string; result: 'overturned' | 'no_show_payer' }[];
  },
  deps: DomainDeps,
): Promise<void> {
  const today = deps.clock.today();
  const { director, director2, billing } = users;
  await setAvailability(
    director.id,
    {
      version: 0,
      timeZone: 'America/Chicago',
      weekly: [...weekdays([1, 2, 3, 4, 5], '08:00', '11:00'), ...weekdays([2, 4], '14:00', '16:00')],
      exceptions: [{ date: addDays(today, 9), kind: 'leave' }],
    },
    director,
    deps,
  );
  await setAvailability(
    director2.id,
    {
      version: 0,
      timeZone: 'America/Los_Angeles',
      weekly: weekdays([1, 3, 5], '07:00', '10:00'),
      exceptions: [
        { date: addDays(today, 2), kind: 'clinic_day' },
        { date: addDays(today, 3), kind: 'extra', start: '13:00', end: '15:00' },
      ],
    },
    director2,
    deps,
  );

  const physicianFor = (i: number) => (i % 2 ? director2 : director);
  /** The payer's last day as it would be printed on the notice: a week out from when the P2P is asked for. */
  const window = (clock: Clock) => ({
    lastDate: addDays(clock.today(), 7),
    basis: 'Peer-to-peer must be held within 7 days of the request (denial notice)',
  });

  const book = async (review: ReviewView, clock: FixedClock, dialIn: string) => {
    const [slot] = (await proposeSlots(review.id, { durationMinutes: 30, count: 1 }, billing, { ...deps, clock }))
      .slots;
    if (!slot) return review;
    return schedulePeerToPeer(
      review.id,
      {
        version: review.version,
        start: slot.start,
        durationMinutes: 30,
        dialIn,
        reviewer: { name: 'Dr. Lena Ortiz', specialty: 'Orthopedic Surgery' },
      },
      billing,
      { ...deps, clock },
    );
  };

  for (const [i, c] of calls.open.entries()) {
    const clock = new FixedClock(deps.clock.now(), deps.clock.timeZone);
    const review = await requestPeerToPeer(
      c.id,
      {
        physicianId: physicianFor(i).id,
        window: window(clock),
        payerContact: { name: 'Utilization management desk', phone: '800-555-0142' },
        payerReference: `P2P-${7310 + i}`,
      },
      billing,
      { ...deps, clock },
    );
    if (c.p2p === 'scheduled') await book(review, clock, '888-555-0190, access code 5521#');
  }

  // Calls held ten days ago on appeals then being prepared (post-decision).
  const past = new Date(deps.clock.now().getTime() - 10 * 86_400_000);
  for (const { id, result } of calls.past) {
    const clock = new FixedClock(past, deps.clock.timeZone);
    const requested = await requestPeerToPeer(
      id,
      { physicianId: director.id, window: window(clock), payerReference: `P2P-${id.slice(-4)}` },
      billing,
      { ...deps, clock },
    );
    const scheduled = await book(requested, clock, '888-555-0190, access code 7730#');
    if (scheduled.status !== 'scheduled') continue;
    clock.set(new Date(new Date(scheduled.scheduled!.end).getTime() + 15 * 60_000));
    await recordOutcome(
      scheduled.id,
      result === 'overturned'
        ? {
            version: scheduled.version,
            result,
            reviewerName: 'Dr. Lena Ortiz',
            agreed: 'Approve both levels after review of the conservative-care record',
            decisionReference: 'AUTH-204417',
            decisionDate: clock.today(),
          }
        : { version: scheduled.version, result, notes: 'Payer line did not connect; the reviewer never joined.' },
      director,
      { ...deps, clock },
    );
  }
}
