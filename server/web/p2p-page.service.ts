/**
 * The medical director's peer-to-peer page: this week's calls as a list and as a calendar,
 * the reviews still waiting for a time, and the physician's own availability. Reads through
 * the p2p domain, which decides who sees which review; outcome and availability forms post to
 * its API from the page.
 */
import { DateTime } from 'luxon';
import { listPeerToPeer, getAvailability, P2P_RESULTS, P2P_TIMINGS, type ReviewView } from '../p2p/index.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { mayCall } from './api-permissions.js';
import { displayDate, label } from './web-labels.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Monday of the week holding `date` (YYYY-MM-DD), or of the clinic's current week. */
export function weekOf(
  date: string | undefined,
  deps: Pick<DomainDeps, 'clock' | 'config'>,
): { monday: string; sunday: string; today: string } {
  const zone = deps.config.clinic.timeZone;
  const today = deps.clock.today();
  const day =
    date && DateTime.fromISO(date, { zone }).isValid
      ? DateTime.fromISO(date, { zone })
      : DateTime.fromISO(today, { zone });
  const monday = day.minus({ days: day.weekday - 1 });
  return { monday: monday.toISODate()!, sunday: monday.plus({ days: 6 }).toISODate()!, today };
}

function callView(r: ReviewView, api: ApiRegistry, user: AuthenticatedUser) {
  const start = r.scheduled ? DateTime.fromJSDate(new Date(r.scheduled.start), { zone: r.scheduled.timeZone }) : null;
  return {
    id: r.id,
    version: r.version,
    caseId: r.caseId,
    reference: r.caseReference,
    physicianName: r.physicianName,
    status: r.status,
    timing: r.timing,
    statusText: label(r.status),
    when: start ? start.toFormat('ccc d LLL, h:mm a ZZZZ') : null,
    time: start ? start.toFormat('h:mm a') : null,
    day: start ? start.toISODate() : null,
    dialIn: r.scheduled?.dialIn,
    reviewer: [r.reviewer?.name, r.reviewer?.specialty].filter(Boolean).join(', '),
    windowText: `by ${displayDate(r.window.lastDate)}`,
    prepSheet: `/api/v1/p2p/${r.id}/prep-sheet`,
    prepSheetPdf: `/api/v1/p2p/${r.id}/prep-sheet.pdf`,
    outcomeText: r.outcome ? `${label(r.outcome.result)}${r.outcome.agreed ? `: ${r.outcome.agreed}` : ''}` : undefined,
    mayRecord: r.status === 'scheduled' && mayCall(api, user.role, 'post', '/p2p/:p2pId/outcome'),
  };
}

export async function loadPeerToPeerPage(
  query: { week?: string; who?: string },
  user: AuthenticatedUser,
  api: ApiRegistry,
  deps: DomainDeps,
) {
  const { monday, sunday, today } = weekOf(query.week, deps);
  // A medical director sees their own calls unless they ask for every physician's.
  const physician = user.role === 'medical_director' && query.who !== 'all' ? 'me' : undefined;
  const [week, waiting] = await Promise.all([
    listPeerToPeer({ physician, from: monday, to: sunday }, user, deps),
    listPeerToPeer({ physician, status: ['requested'] }, user, deps),
  ]);
  const calls = week.reviews.map((r) => callView(r, api, user));
  const days = WEEKDAYS.map((name, i) => {
    const date = DateTime.fromISO(monday).plus({ days: i }).toISODate()!;
    return {
      name,
      date,
      dateText: displayDate(date),
      today: date === today,
      calls: calls.filter((c) => c.day === date),
    };
  });
  const shift = (days: number) => DateTime.fromISO(monday).plus({ days }).toISODate()!;
  const ownAvailability = user.role === 'medical_director' || user.role === 'clinician';
  return {
    week: monday,
    weekText: `${displayDate(monday)} – ${displayDate(sunday)}`,
    previousWeek: `?week=${shift(-7)}${physician ? '' : '&who=all'}`,
    nextWeek: `?week=${shift(7)}${physician ? '' : '&who=all'}`,
    showingAll: !physician,
    canShowAll: user.role === 'medical_director',
    calls,
    days,
    waiting: waiting.reviews.map((r) => callView(r, api, user)),
    results: P2P_RESULTS.map((value) => ({ value, text: label(value) })),
    timings: P2P_TIMINGS.map((value) => ({ value, text: label(value) })),
    availability: ownAvailability ? await availabilityForm(user, api) : null,
  };
}

async function availabilityForm(user: AuthenticatedUser, api: ApiRegistry) {
  const current = await getAvailability(user.id);
  return {
    action: `/api/v1/physicians/${user.id}/availability`,
    may: mayCall(api, user.role, 'put', '/physicians/:physicianId/availability'),
    version: current.version,
    timeZone: current.timeZone,
    weekdays: WEEKDAYS.map((name, i) => ({ value: i + 1, text: name })),
    // Every range kept (a day may have two), plus blank rows to add more; blank rows are not sent.
    rows: [...current.weekly, ...Array.from({ length: 3 }, () => ({ weekday: 0, start: '', end: '' }))].map(
      (w, index) => ({ ...w, index }),
    ),
    exceptions: current.exceptions.map((x, i) => ({
      ...x,
      index: i,
      text: `${displayDate(x.date)}: ${label(x.kind)}${x.start ? ` ${x.start}–${x.end}` : ''}`,
    })),
    nextException: current.exceptions.length,
  };
}
