import { PayerProfileModel, type PayerProfileRecord } from './payer-profile.model.js';
import { conflict, notFound } from '../platform/errors.js';
import { withVersionClaim } from '../platform/db/version-claim.js';

export type PayerProfileInput = Omit<Partial<PayerProfileRecord>, '_id' | '__v'>;

export async function createPayerProfile(input: PayerProfileInput): Promise<PayerProfileRecord> {
  const doc = await PayerProfileModel.create(input);
  return doc.toObject() as PayerProfileRecord;
}

export async function getPayerProfile(id: string): Promise<PayerProfileRecord> {
  const doc = await PayerProfileModel.findById(id).lean<PayerProfileRecord>();
  if (!doc) throw notFound('Payer profile', 'PAYER_NOT_FOUND');
  return doc;
}

export async function findPayerProfile(id: string | undefined | null): Promise<PayerProfileRecord | null> {
  return id ? PayerProfileModel.findById(id).lean<PayerProfileRecord>() : null;
}

export async function listPayerProfiles(): Promise<PayerProfileRecord[]> {
  return PayerProfileModel.find().sort({ name: 1 }).lean<PayerProfileRecord[]>();
}

/** Version-checked update: a stale version is a 409, never a silent overwrite. */
export async function updatePayerProfile(
  id: string,
  version: number,
  changes: PayerProfileInput,
): Promise<PayerProfileRecord> {
  const current = await getPayerProfile(id);
  if (current.__v !== version)
    throw conflict(
      'STALE_VERSION',
      `The payer profile is at version ${current.__v}; you sent ${version}. Reload it and apply your change again.`,
    );
  const doc = await withVersionClaim('payer', id, version, () =>
    PayerProfileModel.findOneAndUpdate(
      { _id: id, __v: version },
      { $set: changes, $inc: { __v: 1 } },
      { returnDocument: 'after', runValidators: true },
    ).lean<PayerProfileRecord>(),
  );
  if (!doc) throw conflict('STALE_VERSION', 'The payer profile was changed by someone else; reload and try again');
  return doc;
}
