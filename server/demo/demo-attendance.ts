/**
 * The knee case's attendance record, as the clinic would have it once the denial came: the
 * scheduler's export of her twelve authorized visits imported on the case by her physiatrist
 * (the demo clinician), with the reasons she gave in her own words, what was offered and what
 * she chose. Eight held, four missed: the "4 of 12" the plan quotes, and why.
 */
import { stringify } from 'csv-stringify/sync';
import { importAttendance } from '../attendance/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { FixedClock, addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { DEMO_KNEE_CASE } from './demo-cases.js';

type Visit = [
  weekday: 0 | 3,
  outcome: string,
  reason?: string,
  barrier?: string,
  offered?: string,
  took?: string,
  choice?: string,
];

/** Two visits a week (Monday, Thursday) for six weeks, starting a week after the operation. */
const VISITS: Visit[][] = [
  [
    [0, 'attended'],
    [3, 'attended'],
  ],
  [
    [0, 'attended'],
    [
      3,
      'no_show',
      'The bus takes two hours each way, and I missed the transfer at Dudley.',
      'transport',
      'transport_benefit',
      '',
      'Will ask her daughter to drive her on Thursdays; wants to look into the ride benefit.',
    ],
  ],
  [
    [0, 'attended'],
    [
      3,
      'late_cancel',
      'My daughter had to work, and I couldn’t face two buses with this knee.',
      'transport',
      'transport_benefit;telehealth',
      'transport_benefit',
      'Ride benefit requested with the plan. Declined home health: she wants to keep coming to the clinic.',
    ],
  ],
  [
    [
      0,
      'refused',
      'My knee swelled up after the ride home on Thursday. I can’t do the bike today.',
      'pain',
      'shorter_session;education',
      'education',
      'Swelling care reviewed (ice, elevation, pacing); declined to go on with the session.',
    ],
    [3, 'attended'],
  ],
  [
    [
      0,
      'no_show',
      'The ride van never came. I waited an hour outside.',
      'transport',
      'telehealth;transport_benefit',
      'telehealth',
      'Telehealth on Mondays until the ride benefit works; home health declined again.',
    ],
    [3, 'attended'],
  ],
  [
    [0, 'attended'],
    [3, 'attended'],
  ],
];

/** The scheduler's export, in the attendance CSV layout, dated from the Monday `firstMonday`. */
function schedulerExport(firstMonday: string): Buffer {
  const rows = VISITS.flatMap((week, w) =>
    week.map(([weekday, status, reason = '', barrier = '', offered = '', took = '', choice = ''], i) => [
      `KPT-${5100 + w * 2 + i}`,
      addDays(firstMonday, w * 7 + weekday),
      weekday === 0 ? '10:30' : '14:00',
      status,
      reason,
      barrier,
      offered,
      took,
      choice,
    ]),
  );
  const header = [
    'appointment_id',
    'date',
    'time',
    'status',
    'reason',
    'barrier',
    'alternatives_offered',
    'alternatives_accepted',
    'patient_choice',
  ];
  return Buffer.from(stringify([header, ...rows]));
}

/** Imports the knee case's attendance, the day after the case was opened, as its clinician. */
export async function seedDemoAttendance(
  users: Record<string, AuthenticatedUser>,
  ids: Map<string, string>,
  deps: DomainDeps,
): Promise<void> {
  const caseId = ids.get(DEMO_KNEE_CASE);
  if (!caseId) return;
  const today = deps.clock.today();
  // Therapy began a week after the operation, eight weeks ago: the Monday of the week seven weeks back.
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstMonday = addDays(today, -49 - weekday);
  const clock = new FixedClock(new Date(`${addDays(today, -2)}T15:00:00Z`), deps.clock.timeZone);
  await importAttendance(caseId, schedulerExport(firstMonday), users.clinician, { ...deps, clock });
}
