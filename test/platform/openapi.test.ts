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

  it('gives every JSON operation a response schema, and the search and compute routes their true 200', async () => {
    const { http } = testApp();
    const user = await makeUser('billing');
    const res = await http.get('/api/v1/openapi.json').set(user.auth);
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>;
    const withoutSchema = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => {
          const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))?.[1];
          const json = success?.content?.['application/json'];
          return json !== undefined && json.schema === undefined;
        })
        .map(([method]) => `${method} ${path}`),
    );
    expect(withoutSchema.filter((op) => !op.endsWith(' /api/v1/openapi.json'))).to.deep.equal([]);
    for (const path of ['/api/v1/cases/search', '/api/v1/deadlines/compute', '/api/v1/cases/{caseId}/documents/search'])
      expect(Object.keys(paths[path].post.responses), path).to.include('200').and.not.include('201');
  });

  it('documents a path id with its 24-hex pattern and a required name as non-empty, as joi checks them', async () => {
    const { http } = testApp();
    const user = await makeUser('billing');
    const res = await http.get('/api/v1/openapi.json').set(user.auth);
    const read = res.body.paths['/api/v1/cases/{caseId}'].get;
    const caseId = read.parameters.find((p: { name: string }) => p.name === 'caseId').schema;
    expect(caseId).to.include({ minLength: 24, maxLength: 24, pattern: '^[0-9a-fA-F]*$' });
    const opened = res.body.paths['/api/v1/cases'].post;
    const patient = opened.requestBody.content['application/json'].schema.properties.patient;
    expect(patient.properties.lastName.minLength).to.equal(1);
    const answer = opened.responses['201'].content['application/json'].schema;
    expect(answer.required).to.include.members(['id', 'version', 'status', 'deadlines']);
  });
});

interface OpenApiResponse {
  content?: Record<string, { schema?: unknown }>;
}
