import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { DenialNoticeModel } from '../../server/denial-notices/denial-notice.model.js';
import { corpusNotice } from '../denial-notices/support.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

/** The value of the form's input `id`, as the page sends it. */
function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

/** What the field `id` says it was read from the notice: its confidence and the marks its "show where" links go to. */
function foundOf(html: string, id: string) {
  const field = new RegExp(`<label for="${id}">[\\s\\S]*?</div>`).exec(html)?.[0] ?? '';
  const confidence = /data-confidence="(\w+)"/.exec(field)?.[1];
  const links = [...field.matchAll(/<a href="#(where-[^"]+)">show where/g)].map((m) => m[1]);
  return { confidence, links };
}

/** The words inside the notice text's mark `id`. */
const markedWords = (html: string, id: string) => new RegExp(`<mark id="${id}"[^>]*>([^<]*)</mark>`).exec(html)?.[1];

describe('web intake from a denial notice', () => {
  const { app, http } = testApp();

  async function uploadNotice(user: { auth: Record<string, string> }, id = 'bcbs-home-infusion-denial') {
    const res = await http.post('/api/v1/denial-notices').set(user.auth).attach('file', corpusNotice(id).pdf, 'n.pdf');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }

  it(
    'when billing opens the intake form from a notice, then its fields are filled with their confidence ' +
      'and each "show where" link goes to the words marked in the notice’s text; nothing is saved',
    async () => {
      const billing = await makeWebUser('billing');
      const noticeId = await uploadNotice(billing);
      const casesBefore = await CaseModel.countDocuments();
      const { agent } = await signedInAgent(app, billing);
      const page = await agent.get(`/cases/new?notice=${noticeId}`);
      expect(page.status).to.equal(200);
      expect(inputValue(page.text, 'service-claimNumber')).to.equal('2026300-884172');
      expect(inputValue(page.text, 'payer-memberId')).to.equal('BRM-W77104529');
      expect(inputValue(page.text, 'patient-firstName')).to.equal('Winifred P.');
      expect(inputValue(page.text, 'patient-lastName')).to.equal('Osei');
      expect(inputValue(page.text, 'denial-noticeDate')).to.equal('2026-10-30');
      expect(inputValue(page.text, 'service-cptCodes')).to.equal('J1569, 96365');
      const claim = foundOf(page.text, 'service-claimNumber');
      expect(claim.confidence).to.equal('high');
      expect(claim.links).to.have.length(1);
      expect(markedWords(page.text, claim.links[0])).to.equal('2026300-884172');
      const codes = foundOf(page.text, 'service-cptCodes');
      expect(codes.links.map((id) => markedWords(page.text, id))).to.deep.equal(['J1569', '96365']);
      expect(page.text).to.contain(`name="notice" value="${noticeId}"`);
      // A field the notice does not give (the MRN) is left for the person, unmarked.
      expect(foundOf(page.text, 'patient-mrn').confidence).to.equal(undefined);
      expect(await CaseModel.countDocuments()).to.equal(casesBefore);
    },
  );

  it('when a clinician opens another clinician’s notice, then the page is 404 and shows none of it', async () => {
    const [owner, other] = await Promise.all([makeWebUser('clinician'), makeWebUser('clinician')]);
    const noticeId = await uploadNotice(owner);
    const { agent } = await signedInAgent(app, other);
    const page = await agent.get(`/cases/new?notice=${noticeId}`);
    expect(page.status).to.equal(404);
    expect(page.text).not.to.contain('Osei').and.not.to.contain('2026300-884172');
    const own = await (await signedInAgent(app, owner)).agent.get(`/cases/new?notice=${noticeId}`);
    expect(inputValue(own.text, 'service-claimNumber')).to.equal('2026300-884172');
  });

  it('when a medical director asks for the intake form from a notice, then it is refused (403)', async () => {
    const billing = await makeWebUser('billing');
    const director = await makeWebUser('medical_director');
    const noticeId = await uploadNotice(billing);
    const { agent } = await signedInAgent(app, director);
    const page = await agent.get(`/cases/new?notice=${noticeId}`);
    expect(page.status).to.equal(403);
    expect(page.text).not.to.contain('Osei');
  });

  it(
    'when a notice is sent with the intake page’s plain form, then the form opens from it, ' +
      'the address naming only the notice',
    async () => {
      const billing = await makeWebUser('billing');
      const { agent } = await signedInAgent(app, billing);
      const form = await agent.get('/cases/new');
      const sent = await agent
        .post('/cases/new/notice')
        .field('_csrf', csrfOf(form.text))
        .attach('file', corpusNotice('bcbs-home-infusion-denial').pdf, 'Winifred Osei denial.pdf');
      expect(sent.status, sent.text.slice(0, 300)).to.equal(303);
      expect(sent.headers.location).to.match(/^\/cases\/new\?notice=[0-9a-f]{24}$/);
      const page = await agent.get(sent.headers.location);
      expect(inputValue(page.text, 'service-claimNumber')).to.equal('2026300-884172');
    },
  );

  it('when the plain form sends a file that is not a notice, then it says why (415), keeping nothing', async () => {
    const billing = await makeWebUser('billing');
    const { agent } = await signedInAgent(app, billing);
    const form = await agent.get('/cases/new');
    const noticesBefore = await DenialNoticeModel.countDocuments();
    const sent = await agent
      .post('/cases/new/notice')
      .field('_csrf', csrfOf(form.text))
      .attach('file', Buffer.from('PK\u0003\u0004 not a notice'), 'notice.zip');
    expect(sent.status).to.equal(415);
    expect(await DenialNoticeModel.countDocuments()).to.equal(noticesBefore);
    expect(sent.text).to.match(/id="notice-problem"[^>]*>The notice was not read\./);
  });

  it('when the plain form’s token is not the session’s, then the notice is refused, nothing kept (403)', async () => {
    const billing = await makeWebUser('billing');
    const { agent } = await signedInAgent(app, billing);
    const noticesBefore = await DenialNoticeModel.countDocuments();
    const sent = await agent
      .post('/cases/new/notice')
      .field('_csrf', 'forged')
      .attach('file', corpusNotice('bcbs-home-infusion-denial').pdf, 'n.pdf');
    expect(sent.status).to.equal(403);
    expect(await DenialNoticeModel.countDocuments()).to.equal(noticesBefore);
  });
});
