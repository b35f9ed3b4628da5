import { expect } from 'chai';
import { createApp } from '../../server/app.js';
import { loadTestConfig } from '../../server/config.js';
import { Metrics } from '../../server/platform/metrics.js';
import { makeUser, silentLogger } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import supertest from 'supertest';

/** `GET /metrics` for Prometheus (issue 15): administrators only, route patterns, no patient data. */
describe('GET /metrics', () => {
  const metrics = new Metrics();
  const http = supertest(createApp({ config: loadTestConfig(), logger: silentLogger, metrics }).app);
  let stopObserving: () => void;
  before(() => {
    stopObserving = metrics.observeDatabase();
  });
  after(() => stopObserving());

  it('when an administrator reads it after a case is read, then times are by route and name no patient', async () => {
    const billing = await makeUser('billing');
    const admin = await makeUser('admin');
    const body = caseBody();
    const created = await http.post('/api/v1/cases').set(billing.auth).send(body);
    expect(created.status).to.equal(201);
    expect((await http.get(`/api/v1/cases/${created.body.id}`).set(billing.auth)).status).to.equal(200);

    const res = await http.get('/metrics').set(admin.auth);
    expect(res.status, res.text).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    expect(res.text).to.match(
      /overturn_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cases\/:caseId",status="200"\} 1/,
    );
    expect(res.text).to.match(
      /overturn_db_operation_duration_seconds_count\{operation="save",collection="cases",outcome="ok"\} [1-9]/,
    );
    expect(res.text).to.match(
      /overturn_db_operation_duration_seconds_count\{operation="findOne",collection="cases",outcome="ok"\} [1-9]/,
    );
    expect(res.text).to.match(/overturn_process_resident_memory_bytes \d+/);
    for (const phi of [created.body.id, body.patient.lastName, body.patient.mrn, body.payer.memberId])
      expect(res.text).not.to.contain(phi);
  });

  it('when billing staff or nobody asks, then 403 and 401 and no figures', async () => {
    const billing = await makeUser('billing');
    const refused = await http.get('/metrics').set(billing.auth);
    expect(refused.status).to.equal(403);
    expect(refused.text).not.to.contain('overturn_');
    expect((await http.get('/metrics')).status).to.equal(401);
  });
});
