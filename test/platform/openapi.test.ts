import { expect } from 'chai';
import type { Express } from 'express';
import { testApp, makeUser } from '../support/app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  name?: string;
  handle?: { stack?: Layer[] };
  matchers?: unknown;
}

/** Every route Express actually serves under /api/v1, read from the router itself. */
function servedApiRoutes(app: Express): string[] {
  const out: string[] = [];
  const root = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  for (const layer of root) {
    for (const inner of layer.handle?.stack ?? []) {
      if (!inner.route) continue;
      for (const method of Object.keys(inner.route.methods)) out.push(`${method} /api/v1${inner.route.path}`);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('describes every route the API serves, with its method', async () => {
    const { app, http } = testApp();
    const user = await makeUser('billing');
    const res = await http.get('/api/v1/openapi.json').set(user.auth);
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = servedApiRoutes(app);
    expect(served.length).to.be.greaterThan(10);
    expect(documented).to.include.members(served);
  });

  it('documents the request body of opening a case with its required parts', async () => {
    const { http } = testApp();
    const user = await makeUser('billing');
    const res = await http.get('/api/v1/openapi.json').set(user.auth);
    const schema = res.body.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema;
    expect(schema.required).to.include.members(['patient', 'payer', 'service', 'denial', 'treatingClinician']);
  });
});
