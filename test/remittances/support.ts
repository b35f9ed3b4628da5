import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../server/platform/errors.js';
import type { ClaimProblem, ClaimRecord, RemittanceItem, RemittanceSummary } from '../../server/remittances/index.js';

/** The path of a fixture in test/fixtures/remittances. */
export const fixture = (name: string) => path.resolve('test/fixtures/remittances', name);

/** A fixture's text, to be changed by a test before reading. */
export const fixtureText = (name: string) => fs.readFileSync(fixture(name), 'utf8');

/** Text as a stream delivered in chunks of `size` bytes, as a slow upload or a small buffer would. */
export const chunked = (text: string, size = 64) => {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let k = 0; k < bytes.length; k += size) chunks.push(bytes.subarray(k, k + size));
  return Readable.from(chunks);
};

/** Everything a reader yields, sorted by kind. */
export async function readAll(items: AsyncIterable<RemittanceItem>) {
  const claims: ClaimRecord[] = [];
  const problems: ClaimProblem[] = [];
  const summaries: RemittanceSummary[] = [];
  for await (const item of items) {
    if (item.kind === 'claim') claims.push(item.claim);
    else if (item.kind === 'claim-problem') problems.push(item.problem);
    else summaries.push(item.summary);
  }
  return { claims, problems, summaries };
}

/** The AppError a promise rejects with (or a description of what it did instead). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw new Error(`expected an AppError, got ${String(err)}`);
  }
  throw new Error('expected a refusal, but the file was read');
}

/** The claim with this patient control number (there must be exactly one unless `nth` is given). */
export function claimNumbered(claims: ClaimRecord[], pcn: string, nth = 0): ClaimRecord {
  const found = claims.filter((c) => c.patientControlNumber === pcn);
  if (!found[nth]) throw new Error(`no claim ${pcn} #${nth}`);
  return found[nth];
}
