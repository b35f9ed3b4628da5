/**
 * The case file's "Generate a packet" form when the letter lacks what its template needs, as a
 * browser without script posts it: the refusal lists what is missing and offers a draft, a draft
 * is watermarked and shown as a draft, and it is never offered for submission.
 */
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { csrfOf, makeWebUser, openCaseFor, signedInAgent } from './web-support.js';
import { narrative } from '../packets/packet-support.js';
import { pdfPagesText } from '../packets/pdf-text.js';
import { PacketModel } from '../../server/packets/packet.model.js';

/** The HTML of one element with an id, up to its closing tag (no nesting of the same tag inside). */
function elementById(html: string, id: string, tag: string): string {
  const start = html.search(new RegExp(`<${tag} [^>]*id="${id}"`));
  expect(start, `#${id}`).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

const listItems = (html: string) => [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe('web case file: a packet whose letter is incomplete', function () {
  // Three packets are typeset; the machine is shared.
  this.timeout(120_000);
  it(
    'when the narrative is empty, then generating is refused with the list of what is missing and a ' +
      'draft button; the draft is watermarked DRAFT, listed as a draft, and offered no submission',
    async () => {
      const { app, http } = testApp();
      const clinician = await makeWebUser('clinician');
      const caseId = await openCaseFor(http, clinician);
      const { agent } = await signedInAgent(app, clinician);
      const page = await agent.get(`/cases/${caseId}`);
      // Before any refusal the offer of a draft is not shown.
      expect(elementById(page.text, 'packet-missing', 'div')).to.match(/ hidden>/);
      const csrf = csrfOf(page.text);

      const asked = [
        ['_csrf', csrf],
        ['template', 'prior_authorization'],
        ['sendBy', 'fax'],
      ];
      const refused = await agent
        .post(`/cases/${caseId}/packets`)
        .type('form')
        .send(new URLSearchParams(asked).toString());
      expect(refused.status).to.equal(422);
      const missing = elementById(refused.text, 'packet-missing', 'div');
      expect(missing).not.to.match(/ hidden>/);
      // In the template's order, as the API names them.
      expect(listItems(missing)).to.deep.equal([
        'The clinical summary is empty',
        'The argument (why the payer should reverse) is empty',
      ]);
      expect(missing).to.match(/<button type="submit" name="draft" value="true">Generate a draft instead/);
      // What was chosen is still chosen, so the draft is of the same letter.
      expect(refused.text).to.match(/<option value="prior_authorization" selected>/);
      expect(refused.text).to.match(/<option value="fax" selected>/);
      expect(await PacketModel.countDocuments({ caseId })).to.equal(0);

      const drafted = await agent
        .post(`/cases/${caseId}/packets`)
        .type('form')
        .send(new URLSearchParams([...asked, ['draft', 'true']]).toString());
      expect(drafted.status, drafted.text.slice(0, 300)).to.equal(303);
      expect(drafted.headers.location).to.equal(`/cases/${caseId}?notice=draft#letter`);
      const [draft] = await PacketModel.find({ caseId }).lean();
      expect(draft.draft).to.equal(true);
      expect(draft.template).to.equal('prior_authorization');
      const pdf = await http.get(`/api/v1/cases/${caseId}/packets/${String(draft._id)}/pdf`).set(clinician.auth);
      const pages = await pdfPagesText(pdf.body as Buffer);
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).to.include('DRAFT'));

      const shown = await agent.get(`/cases/${caseId}?notice=draft`);
      expect(shown.text).to.contain('Draft packet generated, watermarked DRAFT on every page');
      const listed = elementById(shown.text, 'packet-1', 'div');
      expect(listed).to.contain('Packet version 1 <span class="badge none">Draft</span>');
      expect(listed).to.contain('it cannot be sent');
      expect(shown.text).not.to.contain(`/packets/${String(draft._id)}/submission`);
      // The case is still to be drafted: the draft counts as no packet.
      expect(shown.text).to.contain('Record submission appears once a packet is generated');

      // Completed, the letter is generated; the real packet is offered for submission, the draft still not.
      const stored = await http.get(`/api/v1/cases/${caseId}`).set(clinician.auth);
      const updated = await http
        .patch(`/api/v1/cases/${caseId}`)
        .set(clinician.auth)
        .send({ version: stored.body.version, narrative });
      expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
      const generated = await agent
        .post(`/cases/${caseId}/packets`)
        .type('form')
        .send(new URLSearchParams([['_csrf', csrf]]).toString());
      expect(generated.status, generated.text.slice(0, 300)).to.equal(303);
      const packets = await PacketModel.find({ caseId }).sort({ version: 1 }).lean();
      expect(packets.map((p) => p.draft ?? false)).to.deep.equal([true, false]);
      const after = await agent.get(`/cases/${caseId}`);
      expect(after.text).to.contain(`/packets/${String(packets[1]._id)}/submission`);
      expect(after.text).not.to.contain(`/packets/${String(packets[0]._id)}/submission`);
      expect(elementById(after.text, 'packet-2', 'div')).not.to.contain('Draft');
    },
  );

  it('when a draft packet is posted as submitted anyway, then the page refuses it, recording nothing', async () => {
    const { app, http } = testApp();
    const clinician = await makeWebUser('clinician');
    const caseId = await openCaseFor(http, clinician);
    const made = await http.post(`/api/v1/cases/${caseId}/packets`).set(clinician.auth).send({ draft: true });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const { agent } = await signedInAgent(app, clinician);
    const page = await agent.get(`/cases/${caseId}`);
    const form = new URLSearchParams([
      ['_csrf', csrfOf(page.text)],
      ['method', 'fax'],
      ['submittedAt', '2026-11-23T14:00:00Z'],
    ]);
    const refused = await agent
      .post(`/cases/${caseId}/packets/${made.body.id as string}/submission`)
      .type('form')
      .send(form.toString());
    expect(refused.status).to.equal(409);
    expect(refused.text).to.contain('is a draft (watermarked DRAFT)');
    expect((await PacketModel.findById(made.body.id).lean())?.submission).to.equal(undefined);
  });
});
