import crypto from 'node:crypto';
import { expect } from 'chai';
import type { TestUser } from '../support/app.js';
import type { Http } from '../evidence/support.js';

/** A realistic library reference, unique per call so searches in a shared database stay exact. */
export function guidelineBody(overrides: Record<string, unknown> = {}) {
  const tag = crypto.randomBytes(4).toString('hex');
  return {
    source: 'MCG',
    title: `Lumbar Spine MRI (A-0087) ${tag}`,
    issuingBody: 'MCG Health',
    version: 'Ambulatory Care 27th ed.',
    section: 'criterion 2',
    url: 'https://www.mcg.com/',
    criterionText:
      'Radicular pain with a neurological deficit that persists after at least ' +
      '6 weeks of conservative treatment (physical therapy, medication).',
    procedureCodes: ['72148'],
    diagnosisCodes: ['M54'],
    ...overrides,
  };
}

export async function createGuideline(http: Http, user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await http.post('/api/v1/guidelines').set(user.auth).send(guidelineBody(overrides));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as { id: string; title: string; citation: string; revision: number };
}
