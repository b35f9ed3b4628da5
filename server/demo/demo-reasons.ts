/**
 * The knee case's three stated reasons, split from the plan's own words, each answered by her
 * physiatrist (the demo clinician) with its evidence: the attendance record for the missed visits,
 * flexion, gait speed and Timed Up and Go before and after for the plateau, the fall risk they show
 * for "a home program is appropriate". Measures are dated relative to today, as the visits are.
 */
import { addMeasure, getCase, setStatedReasons, splitStatedReasons, type StatedReason } from '../cases/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { DEMO_KNEE_CASE } from './demo-cases.js';

/** Readings at her first evaluation, six weeks ago, and at her re-evaluation last week. */
const READINGS: [name: string, unit: string, first: number, last: number][] = [
  ['Knee flexion (active, right)', 'degrees', 95, 110],
  ['Gait speed (10-metre walk)', 'm/s', 0.62, 0.86],
  ['Timed Up and Go', 'seconds', 18.4, 13.1],
];

/** The clinician's answer to each kind of reason the plan gives, with what meets it. */
const ANSWERS: Record<string, Omit<StatedReason, 'text' | 'kind'>> = {
  attendance: {
    answer:
      'Each visit was missed for a reason she told us (a two-hour bus ride, a swollen knee); since the ride ' +
      'benefit was arranged she has attended every visit.',
    barriers: true,
  },
  plateau: {
    answer:
      'She is still improving: flexion, gait speed and Timed Up and Go all got better between her last two ' +
      'evaluations.',
    measures: READINGS.map(([name]) => name),
  },
  home_program: {
    answer:
      'A Timed Up and Go of 13.1 seconds still marks a risk of falls; she needs skilled gait and balance ' +
      'training, not exercises alone at home.',
    measures: ['Timed Up and Go'],
  },
};

/** Adds the knee case's measures and its stated reasons with their answers, as her physiatrist would. */
export async function seedDemoReasons(
  users: Record<string, AuthenticatedUser>,
  ids: Map<string, string>,
  deps: DomainDeps,
): Promise<void> {
  const caseId = ids.get(DEMO_KNEE_CASE);
  if (!caseId) return;
  const actor = users.clinician;
  const today = deps.clock.today();
  const opened = await getCase(caseId, actor);
  let version = opened.version;
  for (const [name, unit, first, last] of READINGS)
    for (const [value, date] of [
      [first, addDays(today, -42)],
      [last, addDays(today, -7)],
    ] as const)
      ({ version } = await addMeasure(caseId, { version, name, unit, value, date }, actor, deps));
  // The plan's words split as the case page proposes them, then answered by kind.
  const reasons = splitStatedReasons(opened.denial.payerReason)
    .filter((r) => r.kind !== 'other')
    .map((r) => ({ ...r, ...ANSWERS[r.kind] }));
  await setStatedReasons(caseId, { version, reasons }, actor, deps);
}
