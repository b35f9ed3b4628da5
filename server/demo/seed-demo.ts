import { FixedClock, addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { seedDemoEvidence } from './demo-evidence.js';
import { seedDemoPackets } from './demo-packets.js';
import { seedDemoPeerToPeer } from './demo-p2p.js';
import { createUser, hasAnyUser, type AuthenticatedUser } from '../auth/index.js';
import { hasAnyCase, openCase, transitionCase } from '../cases/index.js';
import { createPayerProfile } from '../payers/index.js';
import { DEMO_USERS } from './demo-users.js';
import { demoCases } from './demo-cases.js';

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
  await createPayerProfile({
    name: 'Acme Health Plan',
    p2pWindow: { days: 14, unit: 'calendar', countFrom: 'notice', label: 'Peer-to-peer within 14 days of the denial' },
    p2pRules: { noneAfterAppealFiled: true },
  });
  const today = deps.clock.today();
  let count = 0;
  const withP2p: { id: string; p2p: 'requested' | 'scheduled' }[] = [];
  for (const [i, demo] of demoCases().entries()) {
    const opened = new Date(Date.parse(`${addDays(today, -demo.daysAgo)}T15:00:00Z`));
    const clock = new FixedClock(opened, deps.clock.timeZone);
    const actor = i % 2 ? users.billing : users.clinician;
    const body = {
      ...demo.body,
      denial: { ...demo.body.denial, noticeDate: addDays(today, -demo.daysAgo - (demo.noticeDaysBefore ?? 2)) },
      assigneeId: i % 3 === 0 ? users.billing.id : users.clinician.id,
    };
    if (demo.servicesEndInDays !== undefined)
      body.fastTrack = {
        kind: 'services_ending',
        noticeReceivedAt: body.denial.noticeDate,
        serviceEnd: addDays(body.denial.noticeDate, demo.servicesEndInDays),
      };
    if (body.payer.name === regional.name) body.payer = { ...body.payer, profileId: regional._id };
    if (actor === users.clinician || i % 4 === 0)
      body.treatingClinician = { ...body.treatingClinician, userId: users.clinician.id };
    let view = await openCase(body, actor, { clock });
    for (const [step, to] of demo.path.entries()) {
      clock.advance(Math.max(1, Math.floor(demo.daysAgo / (demo.path.length + 1))) * 86_400_000);
      const decision = ['overturned', 'partially_overturned', 'upheld'].includes(to)
        ? { decisionDate: clock.today() }
        : {};
      view = await transitionCase(
        view.id,
        { to, version: view.version, note: step === 0 ? 'Started on the appeal.' : undefined, ...decision },
        actor,
        { clock },
      );
    }
    if (demo.p2p) withP2p.push({ id: view.id, p2p: demo.p2p });
    count++;
  }
  await seedDemoEvidence(users, deps);
  await seedDemoPackets(users, deps);
  await seedDemoPeerToPeer(users, withP2p, deps);
  deps.logger.info('demo data seeded', { cases: count, users: DEMO_USERS.length });
  return true;
}
