import { expect } from 'chai';
import type supertest from 'supertest';
import type { TestUser } from '../support/app.js';

/** An import as GET /api/v1/imports/:id answers it, as far as the tests read it. */
export type Import = {
  id: string;
  status: string;
  format: string;
  repeated?: boolean;
  counts: Record<string, number>;
  progress: { claimsDone: number; claimsTotal?: number };
  skipped: { position: number; element?: string; reason: string }[];
  problem?: { code: string; segment?: number; fields?: { field: string; message: string }[] };
};

/** Uploading a remittance through the API, and waiting for its job, as `as()` (a billing user). */
export function importsThrough(http: supertest.Agent, as: () => TestUser) {
  const upload = (body: string | Buffer, user = as()) =>
    http.post('/api/v1/imports').set(user.auth).attach('file', Buffer.from(body), 'remittance');

  /** The import once its job has finished with it (a bounded wait for the job, not a timing). */
  async function finished(id: string): Promise<Import> {
    for (let tries = 0; tries < 3000; tries++) {
      const res = await http.get(`/api/v1/imports/${id}`).set(as().auth);
      expect(res.status).to.equal(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body as Import;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import job did not finish');
  }

  const imported = async (text: string) => {
    const res = await upload(text);
    expect(res.status).to.equal(202);
    return finished(res.body.id);
  };
  return { upload, finished, imported };
}
