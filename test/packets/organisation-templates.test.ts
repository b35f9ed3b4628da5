import { expect } from 'chai';
import { testApp, makeUsers } from '../support/app.js';
import { preparedCase, binary } from './packet-support.js';
import { pdfPagesText } from './pdf-text.js';
import { LetterTemplateCache, templatesFor } from '../../server/packets/organisation-templates.js';
import { loadTestConfig } from '../../server/config.js';

const LETTER = `{{> letterhead}}
{{> re-block}}
<p>Dear Appeals Committee of {{payer.name}},</p>
<p>Northside's own wording: we ask you to reverse the denial of {{service.description}} for {{patient.name}}.</p>
{{> criteria-table}}
{{> signature}}
{{> enclosures}}
`;

/** An administrator adds or changes the organisation's letters through the API; each is checked before it is kept. */
describe('the organisation’s own letter templates', function () {
  this.timeout(60_000);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  it(
    'when an administrator adds a letter, then it is listed, chosen for a packet, ' + 'and its words are in the PDF',
    async () => {
      const { http } = testApp();
      const name = `northside_appeal_${Date.now()}`;
      const saved = await http
        .put(`/api/v1/letter-templates/${name}`)
        .set(users.admin.auth)
        .send({ version: 0, source: LETTER });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body).to.include({ name, origin: 'organisation', version: 1 });
      const list = await http.get('/api/v1/letter-templates').set(users.clinician.auth);
      expect(list.body.templates.map((t: { name: string }) => t.name))
        .to.include(name)
        .and.include('medical_necessity');

      const prepared = await preparedCase(http, users.billing, users.admin);
      const packet = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ template: name });
      expect(packet.status, JSON.stringify(packet.body)).to.equal(201);
      const pdf = await http
        .get(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/pdf`)
        .set(users.billing.auth)
        .buffer(true)
        .parse(binary);
      const text = (await pdfPagesText(pdf.body as Buffer)).join('\n').replace(/\s+/g, ' ');
      expect(text).to.contain(
        "Northside's own wording: we ask you to reverse the denial of MRI lumbar spine without contrast",
      );
    },
  );

  it(
    'when a template would print unescaped data, call an unknown helper, not ' +
      'compile, name a field letters lack or make invalid markup, then 422 says ' +
      'why and nothing is kept',
    async () => {
      const { http } = testApp();
      const name = `refused_${Date.now()}`;
      for (const [source, why] of [
        ['<p>{{{patient.name}}}</p>', 'raw output'],
        ['<p>{{lookupFile "/etc/passwd"}}</p>', 'does not compile'],
        ['<p>{{#if patient.name}}unclosed</p>', 'does not compile'],
        ['<p>Dear {{patient.nmae}},</p>', 'nmae'],
        ['<blink>{{patient.name}}</blink>', 'does not make a valid letter'],
      ]) {
        const res = await http
          .put(`/api/v1/letter-templates/${name}`)
          .set(users.admin.auth)
          .send({ version: 0, source });
        expect(res.status, source).to.equal(422);
        expect(res.body.code).to.equal('TEMPLATE_REFUSED');
        expect(res.body.detail, source).to.contain(why);
      }
      expect((await http.get(`/api/v1/letter-templates/${name}`).set(users.admin.auth)).status).to.equal(404);
    },
  );

  it(
    'when the organisation replaces a shipped letter and later removes its version, ' +
      'then the shipped one applies again; stale versions and other roles are refused',
    async () => {
      const { http } = testApp();
      const shipped = (await http.get('/api/v1/letter-templates/timely_filing').set(users.admin.auth)).body;
      expect(shipped).to.include({ origin: 'shipped', version: 0 });
      expect(
        (
          await http
            .put('/api/v1/letter-templates/timely_filing')
            .set(users.billing.auth)
            .send({ version: 0, source: LETTER })
        ).status,
      ).to.equal(403);
      const replaced = await http
        .put('/api/v1/letter-templates/timely_filing')
        .set(users.admin.auth)
        .send({ version: 0, source: LETTER });
      expect(replaced.body).to.include({ origin: 'organisation', version: 1 });
      expect((await http.get('/api/v1/letter-templates/timely_filing').set(users.admin.auth)).body.source).to.equal(
        LETTER,
      );
      const stale = await http
        .put('/api/v1/letter-templates/timely_filing')
        .set(users.admin.auth)
        .send({ version: 0, source: LETTER });
      expect([stale.status, stale.body.code]).to.deep.equal([409, 'STALE_VERSION']);
      expect(
        (await http.delete('/api/v1/letter-templates/timely_filing?version=1').set(users.admin.auth)).status,
      ).to.equal(200);
      const back = (await http.get('/api/v1/letter-templates/timely_filing').set(users.admin.auth)).body;
      expect(back).to.include({ origin: 'shipped' });
      expect(back.source).to.equal(shipped.source);
    },
  );

  it('when a template is removed and added again at once, then adding and changing it succeed', async () => {
    const { http } = testApp();
    const name = `readded_${Date.now()}`;
    const put = (version: number, source = LETTER) =>
      http.put(`/api/v1/letter-templates/${name}`).set(users.admin.auth).send({ version, source });
    expect((await put(0)).body).to.include({ version: 1 });
    expect((await http.delete(`/api/v1/letter-templates/${name}?version=1`).set(users.admin.auth)).status).to.equal(
      200,
    );
    expect((await put(0)).body).to.include({ version: 1 });
    expect((await put(1, `${LETTER}<p>Changed.</p>`)).body).to.include({ version: 2 });
  });

  it('when nothing stored changed, then the app’s cache gives back what it compiled; a change recompiles', async () => {
    const { http, clock } = testApp();
    const name = `cached_${Date.now()}`;
    const put = (version: number, source: string) =>
      http.put(`/api/v1/letter-templates/${name}`).set(users.admin.auth).send({ version, source });
    expect((await put(0, LETTER)).status).to.equal(200);
    const config = loadTestConfig();
    const deps = { config, clock, letterTemplateCache: new LetterTemplateCache() };
    const first = await templatesFor(deps);
    expect(await templatesFor(deps)).to.equal(first);
    // No state outside the cache passed in: another app's cache, or none, compiles its own.
    expect(await templatesFor({ ...deps, letterTemplateCache: new LetterTemplateCache() })).not.to.equal(first);
    expect(await templatesFor({ config, clock })).not.to.equal(first);
    expect((await put(1, `${LETTER}<p>Changed.</p>`)).status).to.equal(200);
    const changed = await templatesFor(deps);
    expect(changed).not.to.equal(first);
    expect(changed.source(name)).to.contain('Changed.');
  });
});
