import { FixedClock, addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { listCases, transitionCase, type CaseStatus } from '../cases/index.js';
import { Readable } from 'node:stream';
import { receiveImportFrom, runImport } from '../imports/index.js';
import {
  APPEALED_CLAIM,
  PAID_DAYS_AGO,
  afterAppealRemittance,
  denialsRemittance,
  type Payee,
} from './demo-remittance-files.js';

// An ERA reaches the practice a day or two after its payment date; billing imports it then.
const IMPORTED_DAYS_AFTER_PAYMENT = 2;

/** The appeal of the electrodiagnostic denial, day by day after its import: worked, written, faxed, acknowledged. */
const APPEAL: { to: CaseStatus; daysAfterImport: number; note?: string }[] = [
  { to: 'gathering_evidence', daysAfterImport: 1, note: 'Started on the appeal.' },
  { to: 'appeal_drafted', daysAfterImport: 4 },
  {
    to: 'submitted',
    daysAfterImport: 6,
    note: 'Appeal faxed with the neurological exam, the failed therapy notes and the MRI report.',
  },
  { to: 'awaiting_decision', daysAfterImport: 8 },
];

/**
 * Imports the demo's two remittances through the import service, as a billing user uploading
 * them would (the file stored by its hash, the job run to the end, every case written and audited
 * by the cases domain), each on the day it arrived: the first opens the denial cases; the appeal
 * of the electrodiagnostic denial is then filed; the second pays that claim, which records the
 * recovery on the case's lines.
 */
export async function seedDemoRemittances(users: Record<string, AuthenticatedUser>, deps: DomainDeps): Promise<void> {
  const today = deps.clock.today();
  const payee: Payee = { name: deps.config.clinic.name, npi: deps.config.clinic.npi };
  const dayClock = (daysAgo: number) =>
    new FixedClock(new Date(Date.parse(`${addDays(today, -daysAgo)}T14:00:00Z`)), deps.clock.timeZone);
  const importOn = async (text: string, clock: FixedClock) => {
    const { id } = await receiveImportFrom(Readable.from([text]), users.billing, async () => undefined, {
      config: deps.config,
      clock,
    });
    // Run here rather than queued: the appeal below needs the cases this import opens.
    await runImport(id, { config: deps.config, clock });
  };

  const firstImport = PAID_DAYS_AGO.denials - IMPORTED_DAYS_AFTER_PAYMENT;
  await importOn(denialsRemittance(today, payee), dayClock(firstImport));
  const { cases } = await listCases({ q: APPEALED_CLAIM.toLowerCase(), page: 1, limit: 1 }, users.billing, {
    clock: dayClock(firstImport),
  });
  let view = cases[0];
  for (const step of APPEAL)
    view = await transitionCase(view.id, { to: step.to, version: view.version, note: step.note }, users.billing, {
      clock: dayClock(firstImport - step.daysAfterImport),
    });
  await importOn(
    afterAppealRemittance(today, payee),
    dayClock(PAID_DAYS_AGO.afterAppeal - IMPORTED_DAYS_AFTER_PAYMENT),
  );
}
