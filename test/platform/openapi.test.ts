import { expect } from 'chai';
import { testApp, makeUser } from '../support/app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the router mounted at /api/v1 serves, read from the Express router itself. */
function servedApiRoutes(router: unknown): string[] {
  return ((router as { stack: Layer[] }).stack ?? []).flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m} /api/v1${layer.route!.path}`) : [],
  );
}

describe('OpenAPI document', () => {
  it('describes every route the API serves, with its method', async () => {
    const { api, http } = testApp();
    const user = await makeUser('billing');
    const res = await http.get('/api/v1/openapi.json').set(user.auth);
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = servedApiRoutes(api.served);
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
