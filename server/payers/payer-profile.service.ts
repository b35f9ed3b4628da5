import { PayerProfileModel, type PayerProfileRecord } from './payer-profile.model.js';
import type { PayerWindowOverride } from '../deadlines/index.js';
import { notFound } from '../platform/errors.js';
import { versionedWrites } from '../platform/db/versioned-write.js';
import { escapeRegex } from '../platform/escape-regex.js';

const payerWrites = versionedWrites(PayerProfileModel, {
  entity: 'payer',
  label: 'payer profile',
  versionField: '__v',
});

export type PayerProfileInput = Omit<Partial<PayerProfileRecord>, '_id' | '__v'>;

/** Adds a payer's profile; a second profile with the same name is refused by a unique index (409). */
export async function createPayerProfile(input: PayerProfileInput): Promise<PayerProfileRecord> {
  const doc = await PayerProfileModel.create(input);
  return doc.toObject();
}

/** A payer profile; 404 when there is none with this id. */
export async function getPayerProfile(id: string): Promise<PayerProfileRecord> {
  const doc = await PayerProfileModel.findById(id).lean<PayerProfileRecord>();
  if (!doc) throw notFound('Payer profile', 'PAYER_NOT_FOUND');
  return doc;
}

/** The case's payer profile when it has one, else null: most deadlines need none. */
export async function findPayerProfile(id: string | undefined | null): Promise<PayerProfileRecord | null> {
  return id ? PayerProfileModel.findById(id).lean<PayerProfileRecord>() : null;
}

/**
 * The profile a remittance's payer is: by the electronic payer id it carries, else by its name
 * (case aside). A clinic has tens of profiles, so these reads stay small even unindexed.
 */
export async function matchPayerProfile(payer: { id?: string; name: string }): Promise<PayerProfileRecord | null> {
  const byId = payer.id
    ? await PayerProfileModel.findOne({ electronicPayerId: payer.id }).lean<PayerProfileRecord>()
    : null;
  return (
    byId ??
    PayerProfileModel.findOne({
      name: { $regex: `^${escapeRegex(payer.name.trim())}$`, $options: 'i' },
    }).lean<PayerProfileRecord>()
  );
}

/** A window as the deadline engine takes it, from the profile's stored one (absent when not set). */
export function payerWindow(stored: PayerProfileRecord['appealWindow']): PayerWindowOverride | undefined {
  if (!stored) return undefined;
  const { days, unit, countFrom, label } = stored;
  return { days, unit, countFrom, ...(label ? { label } : {}) };
}

/** The payers that set a peer-to-peer window of their own (its length counted from their notices). */
export async function payersWithPeerToPeerWindow(): Promise<PayerProfileRecord[]> {
  return PayerProfileModel.find({ 'p2pWindow.days': { $exists: true } }).lean<PayerProfileRecord[]>();
}

/** Every payer profile, by name. */
export async function listPayerProfiles(): Promise<PayerProfileRecord[]> {
  return PayerProfileModel.find().sort({ name: 1 }).lean<PayerProfileRecord[]>();
}

/** Version-checked update: a stale version is a 409, never a silent overwrite. */
export async function updatePayerProfile(
  id: string,
  version: number,
  changes: PayerProfileInput,
): Promise<PayerProfileRecord> {
  payerWrites.expect((await getPayerProfile(id)).__v, version);
  // A field sent as null is cleared: the profile has none of its own any more.
  const entries = Object.entries(changes);
  const set = entries.filter(([, value]) => value !== null);
  const cleared = entries.filter(([, value]) => value === null).map(([key]) => [key, '']);
  const update = {
    ...(set.length ? { $set: Object.fromEntries(set) } : {}),
    ...(cleared.length ? { $unset: Object.fromEntries(cleared) } : {}),
  };
  return payerWrites.update<PayerProfileRecord>({ id, version }, update, { runValidators: true });
}
