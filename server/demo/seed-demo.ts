import { FixedClock, addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { seedDemoEvidence } from './demo-evidence.js';
import { seedDemoPackets } from './demo-packets.js';
import { seedDemoPeerToPeer } from './demo-p2p.js';
import { seedDemoRemittances } from './demo-imports.js';
import { seedDemoAttendance } from './demo-attendance.js';
import { seedDemoReasons } from './demo-reasons.js';
import { createUser, hasAnyUser, type AuthenticatedUser } from '../auth/index.js';
import { hasAnyCase, isDecision, isPreparing, openCase, transitionCase } from '../cases/index.js';
import { createPayerProfile } from '../payers/index.js';
import { DEMO_USERS } from './demo-users.js';
import { DEMO_CLINICIAN, demoCases } from './demo-cases.js';

/**
 * Fills an empty database with a realistic clinic: demo users for every role, payer profiles,
 * and cases across every plan type and status, dated relative to today so deadlines are live.
 */
export async function seedDemoIfEmpty(deps: DomainDeps): Promise<boolean> {
  if ((await hasAnyCase()) || (await hasAnyUser())) return false;
  const users: Record<string, AuthenticatedUser> = {};
  for (const { key, ...u } of DEMO_USERS) users[key] = (await createUser(u)).user;
  const regional = await createPayerProfile({
    name: 'Regional Community Plan',
    // The payer id its remittances carry (REF*2U): the demo's imported 835s are matched to this profile by it.
    electronicPayerId: 'RCP01',
    appealWindow: {
      days: 90,
      unit: 'calendar',
      countFrom: 'notice',
      label: 'Provider manual §7.2: 90 days from the notice',
    },
    p2pWindow: {
      days: 7,
      unit: 'business',
      countFrom: 'notice',
      label: 'Peer-to-peer within 7 business days of the determination',
    },
  });
  const acme = await createPayerProfile({
    name: 'Acme Health Plan',
    p2pWindow: { days: 14, unit: 'calendar', countFrom: 'notice', label: 'Peer-to-peer within 14 days of the denial' },
    p2pRules: { noneAfterAppealFiled: true },
  });
  const profiles = new Map([
    [regional.name, regional._id],
    [acme.name, acme._id],
  ]);
  const today = deps.clock.today();
  const ids = new Map<string, string>();
  const withP2p: { id: string; p2p: 'requested' | 'scheduled' }[] = [];
  const pastCalls: { id: string; result: 'overturned' | 'no_show_payer' }[] = [];
  for (const demo of demoCases()) {
    const opened = new Date(Date.parse(`${addDays(today, -demo.daysAgo)}T15:00:00Z`));
    const clock = new FixedClock(opened, deps.clock.timeZone);
    const noticeDate = addDays(today, -demo.daysAgo - (demo.noticeDaysBefore ?? 2));
    const hers = demo.body.treatingClinician.name === DEMO_CLINICIAN.name;
    const body = {
      ...demo.body,
      payer: { ...demo.body.payer, profileId: profiles.get(demo.body.payer.name) },
      service: {
        ...demo.body.service,
        ...(demo.servedDaysBeforeNotice ? { dateOfService: addDays(noticeDate, -demo.servedDaysBeforeNotice) } : {}),
      },
      denial: { ...demo.body.denial, noticeDate },
      // Her cases are hers to see and, while the appeal is prepared, hers to work; billing works the rest.
      treatingClinician: hers
        ? { ...demo.body.treatingClinician, userId: users.clinician.id }
        : demo.body.treatingClinician,
      assigneeId: hers && demo.path.every((to) => isPreparing(to)) ? users.clinician.id : users.billing.id,
    };
    if (demo.servicesEndInDays !== undefined)
      body.fastTrack = {
        kind: 'services_ending',
        noticeReceivedAt: noticeDate,
        serviceEnd: addDays(noticeDate, demo.servicesEndInDays),
      };
    let view = await openCase(body, users.billing, { clock });
    for (const [step, to] of demo.path.entries()) {
      clock.advance(Math.max(1, Math.floor(demo.daysAgo / (demo.path.length + 1))) * 86_400_000);
      const decision = isDecision(to) ? { decisionDate: clock.today() } : {};
      const note = step === 0 ? 'Started on the appeal.' : to === 'submitted' ? demo.filedNote : undefined;
      view = await transitionCase(view.id, { to, version: view.version, note, ...decision }, users.billing, { clock });
    }
    ids.set(demo.key, view.id);
    if (demo.p2p) withP2p.push({ id: view.id, p2p: demo.p2p });
    if (demo.pastCall) pastCalls.push({ id: view.id, result: demo.pastCall });
  }
  await seedDemoEvidence(users, ids, deps);
  await seedDemoAttendance(users, ids, deps);
  await seedDemoReasons(users, ids, deps);
  await seedDemoPackets(users, deps);
  await seedDemoPeerToPeer(users, { open: withP2p, past: pastCalls }, deps);
  await seedDemoRemittances(users, deps);
  deps.logger.info('demo data seeded', { cases: ids.size, users: DEMO_USERS.length });
  return true;
}
