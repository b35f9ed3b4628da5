import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { DenialNoticeModel } from '../../server/denial-notices/denial-notice.model.js';
import { PeerToPeerReviewModel } from '../../server/p2p/p2p-review.model.js';
import { corpusNotice } from '../denial-notices/support.js';
import { EvidenceDocumentModel, DocumentPageModel } from '../../server/evidence/evidence-document.model.js';
import { loadTestConfig } from '../../server/config.js';
import {
  csrfOf,
  intakeForm,
  makeWebUser,
  openCaseByForm,
  sendIntakeForm,
  sendNoticeWithoutScript,
  signedInAgent,
  signedInUser,
} from './web-support.js';

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

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x60': '`',
  '#x3D': '=',
};
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_m, e: string) => ENTITIES[e]);

/** The new-case form's fields as the page would send them untouched: each input's value, each select's choice. */
function formValues(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('<form method="post" action="/cases/new"'));
  const fields = form.slice(0, form.indexOf('</form>'));
  const values: Record<string, string> = {};
  for (const m of fields.matchAll(/<input [^>]*name="([^"]+)"[^>]*?(?: value="([^"]*)")?[^>]*>/g))
    values[m[1]] = unescape(/ value="([^"]*)"/.exec(m[0])?.[1] ?? '');
  for (const m of fields.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    values[m[1]] = unescape(m[2]);
  for (const m of fields.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    values[m[1]] = /<option value="([^"]*)" selected>/.exec(m[2])?.[1] ?? '';
  return values;
}

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
      expect(inputValue(page.text, 'denial-printedAppealDeadline')).to.equal('2027-04-28');
      expect(markedWords(page.text, foundOf(page.text, 'denial-printedAppealDeadline').links[0])).to.equal(
        'April 28, 2027',
      );
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

  it('when the notice prints its dates of service as a range, then the form is filled with both ends', async () => {
    const billing = await makeWebUser('billing');
    const noticeId = await uploadNotice(billing, 'erisa-employer-plan');
    const { agent } = await signedInAgent(app, billing);
    const page = await agent.get(`/cases/new?notice=${noticeId}`);
    expect(inputValue(page.text, 'service-dateOfService')).to.equal('2026-09-14');
    expect(inputValue(page.text, 'service-dateOfServiceEnd')).to.equal('2026-09-16');
  });

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
    'when a notice is sent with the intake page’s plain form, then the form opens from it once read, ' +
      'the addresses naming only the reading and the notice',
    async () => {
      const { agent } = await signedInUser(app, 'billing');
      const { ended } = await sendNoticeWithoutScript(
        agent,
        corpusNotice('bcbs-home-infusion-denial').pdf,
        'Winifred Osei denial.pdf',
      );
      expect(ended.status, ended.text.slice(0, 300)).to.equal(303);
      expect(ended.headers.location).to.match(/^\/cases\/new\?notice=[0-9a-f]{24}$/);
      const page = await agent.get(ended.headers.location);
      expect(inputValue(page.text, 'service-claimNumber')).to.equal('2026300-884172');
    },
  );

  /** A file the plain form sends, and the intake form saying why it was not read: nothing kept. */
  async function refusedWithoutScript(file: Buffer, name: string | { filename: string; contentType: string }) {
    const { agent } = await signedInUser(app, 'billing');
    const noticesBefore = await DenialNoticeModel.countDocuments();
    const { ended } = await sendNoticeWithoutScript(agent, file, name);
    expect(await DenialNoticeModel.countDocuments()).to.equal(noticesBefore);
    expect(ended.text).to.match(/id="notice-problem"[^>]*>The notice was not read\./);
    return ended;
  }

  it('when the plain form sends a file that is not a notice, then it says why (415), keeping nothing', async () => {
    const ended = await refusedWithoutScript(Buffer.from('PK\u0003\u0004 not a notice'), 'notice.zip');
    expect(ended.status).to.equal(415);
  });

  it(
    'when the plain form sends a PDF cut off, then once its reading ends the intake form says why (422), ' +
      'keeping nothing',
    async () => {
      const { pdf } = corpusNotice('snf-navihealth-ma');
      const ended = await refusedWithoutScript(pdf.subarray(0, pdf.length - 200), 'notice.pdf');
      expect(ended.status).to.equal(422);
    },
  );

  it('when the plain form sends a file larger than a notice may be, then it says so at once (413)', async () => {
    const tooLarge = Buffer.alloc(loadTestConfig().uploadMaxFileBytes + 1, 0x20);
    const ended = await refusedWithoutScript(tooLarge, 'notice.pdf');
    expect(ended.status).to.equal(413);
  });

  it(
    'when the plain form sends a PDF named as a TIFF fax, then it says the name and the content disagree (415), ' +
      'keeping nothing',
    async () => {
      const ended = await refusedWithoutScript(corpusNotice('bcbs-home-infusion-denial').pdf, {
        filename: 'fax.tif',
        contentType: 'image/tiff',
      });
      expect(ended.status).to.equal(415);
    },
  );

  it('when the plain form’s token is not the session’s, then the notice is refused, nothing kept (403)', async () => {
    const { agent } = await signedInUser(app, 'billing');
    const noticesBefore = await DenialNoticeModel.countDocuments();
    const sent = await agent
      .post('/cases/new/notice')
      .field('_csrf', 'forged')
      .attach('file', corpusNotice('bcbs-home-infusion-denial').pdf, 'n.pdf');
    expect(sent.status).to.equal(403);
    expect(await DenialNoticeModel.countDocuments()).to.equal(noticesBefore);
  });

  const uploadDir = path.resolve(loadTestConfig().uploadDir);
  const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

  /** A notice of the corpus made unique (a comment after its end), so that this test alone holds its stored file. */
  function uniqueNotice(id: string): Buffer {
    return Buffer.concat([corpusNotice(id).pdf, Buffer.from(`\n% ${crypto.randomUUID()}\n`)]);
  }

  /** The intake form as the person sends it once checked: what the notice gave, and what they typed. */
  const confirmed = (noticeId: string, csrf: string) => ({
    _csrf: csrf,
    ...intakeForm({ 'denial[noticeDate]': '2026-10-30', 'payer[planType]': 'medicaid_managed_care' }),
    notice: noticeId,
  });

  it(
    'when billing confirms the form read from a notice naming automated review, then the case opens with ' +
      'the notice attached as payer correspondence (the same stored file, its text as read) and says so',
    async () => {
      const billing = await makeWebUser('billing');
      const pdf = uniqueNotice('medicaid-imaging-cohere-automated');
      const read = await http.post('/api/v1/denial-notices').set(billing.auth).attach('file', pdf, 'n.pdf');
      expect(read.body.automatedReview.flagged).to.equal(true);
      const { agent } = await signedInAgent(app, billing);
      const form = await agent.get(`/cases/new?notice=${read.body.id}`);
      expect(form.text).to.contain('id="notice-automated-review"');
      const { caseId } = await openCaseByForm(agent, confirmed(read.body.id, csrfOf(form.text)));
      const stored = await CaseModel.findById(caseId).lean();
      const named = [...new Set(read.body.automatedReview.words.map((w: { word: string }) => w.word))];
      expect(stored!.denial.automatedReview).to.deep.equal(named);
      const documents = await EvidenceDocumentModel.find({ caseId }).lean();
      expect(documents).to.have.length(1);
      expect(documents[0]).to.include({ kind: 'payer_correspondence', sha256: sha256(pdf), date: '2026-10-30' });
      expect(documents[0].textProgress).to.equal(undefined);
      const pages = await DocumentPageModel.find({ documentId: documents[0]._id }).lean();
      expect(pages.map((p) => p.text)).to.deep.equal(read.body.pages.map((p: { text: string }) => p.text));
      const noticeStat = await fs.stat(path.join(uploadDir, 'denial-notices', sha256(pdf).slice(0, 2), sha256(pdf)));
      const evidenceStat = await fs.stat(path.join(uploadDir, sha256(pdf).slice(0, 2), sha256(pdf)));
      expect(evidenceStat.ino, 'one file on disk, two names').to.equal(noticeStat.ino);
      const page = await agent.get(`/cases/${caseId}`);
      expect(page.text).to.match(/id="automated-review">Automated or criteria-based: the notice names /);
      expect(page.text).to.contain('Denial notice of');
    },
  );

  it(
    'when the notice names its reviewer, criteria, appeals address and a peer-to-peer offer, then the form ' +
      'is filled with each, its confidence and where it was read',
    async () => {
      const { user: billing, agent } = await signedInUser(app, 'billing');
      const evicore = (await agent.get(`/cases/new?notice=${await uploadNotice(billing, 'prior-auth-p2p-evicore')}`))
        .text;
      expect(inputValue(evicore, 'denial-reviewer-name')).to.equal('Samuel Whitcomb');
      expect(inputValue(evicore, 'denial-reviewer-credentials')).to.equal('MD');
      const reviewer = foundOf(evicore, 'denial-reviewer-name');
      expect(reviewer.confidence).to.equal('high');
      expect(markedWords(evicore, reviewer.links[0])).to.equal('Samuel Whitcomb, MD');
      expect(inputValue(evicore, 'payer-appealsAddress-line1')).to.equal('Keystone Health Partners Member Appeals');
      expect(inputValue(evicore, 'payer-appealsAddress-line2')).to.equal('PO Box 3300');
      expect(inputValue(evicore, 'payer-appealsAddress-city')).to.equal('Harrisburg');
      expect(inputValue(evicore, 'payer-appealsAddress-state')).to.equal('PA');
      expect(inputValue(evicore, 'payer-appealsAddress-postalCode')).to.equal('17105');
      const address = foundOf(evicore, 'payer-appealsAddress-city');
      expect(address.confidence).to.equal('high');
      expect(markedWords(evicore, address.links[0])).to.match(/^Keystone Health Partners Member Appeals\s+PO Box 3300/);
      expect(inputValue(evicore, 'denial-peerToPeerOffer-phone')).to.equal('8885550136');
      expect(inputValue(evicore, 'denial-peerToPeerOffer-window')).to.match(/^within 14 calendar days of this notice/);
      // Notice of 18 Nov 2026: 14 calendar days is Wednesday 2 Dec.
      expect(inputValue(evicore, 'p2p-lastDate')).to.equal('2026-12-02');
      const offer = foundOf(evicore, 'p2p-lastDate');
      expect(offer.confidence).to.equal('high');
      expect(markedWords(evicore, offer.links[0])).to.equal('Peer-to-peer');

      const employer = (await agent.get(`/cases/new?notice=${await uploadNotice(billing, 'erisa-employer-plan')}`))
        .text;
      expect(inputValue(employer, 'denial-criteriaCited')).to.equal('Plan policy MP-2024-117');
      expect(markedWords(employer, foundOf(employer, 'denial-criteriaCited').links[0])).to.contain('MP-2024-117');
      expect(inputValue(employer, 'denial-reviewer-credentials')).to.equal('MD, FACS');
      // No offer on this notice: the call's fields are left empty and unmarked.
      expect(inputValue(employer, 'p2p-lastDate')).to.equal('');
      expect(foundOf(employer, 'p2p-lastDate').confidence).to.equal(undefined);

      const inpatient = (await agent.get(`/cases/new?notice=${await uploadNotice(billing, 'interqual-inpatient-ma')}`))
        .text;
      expect(inputValue(inpatient, 'denial-criteriaCited')).to.equal('InterQual');
      // Notice of Thursday 5 Nov 2026: two business days is Monday 9 Nov.
      expect(inputValue(inpatient, 'p2p-lastDate')).to.equal('2026-11-09');
    },
  );

  /** A billing user signed in on the web, and a notice of the corpus they sent. */
  async function billingWithNotice(id: string) {
    const { user: billing, agent } = await signedInUser(app, 'billing');
    return { billing, agent, noticeId: await uploadNotice(billing, id) };
  }

  /**
   * The form as the notice filled it, with what a person adds: the MRN, category, service, the
   * treating clinician, and the plan type, date of birth and codes where the notice gives none.
   */
  async function checkedForm(
    agent: Awaited<ReturnType<typeof signedInAgent>>['agent'],
    noticeId: string,
  ): Promise<Record<string, string>> {
    const clinician = await makeWebUser('clinician');
    const values = formValues((await agent.get(`/cases/new?notice=${noticeId}`)).text);
    return {
      ...values,
      'payer[planType]': values['payer[planType]'] || 'erisa_group',
      'patient[dateOfBirth]': values['patient[dateOfBirth]'] || '1958-03-02',
      'service[cptCodes]': values['service[cptCodes]'] || '99223',
      'patient[mrn]': 'MRN-88120',
      'denial[category]': 'medical_necessity',
      'service[description]': 'MRI lumbar spine without contrast',
      'treatingClinician[userId]': clinician.id,
    };
  }

  it(
    'when billing opens the case as the notice filled the form, then the case keeps the reviewer, criteria, ' +
      'address and offer, and the call asked for is on the peer-to-peer worklist the medical director sees',
    async () => {
      const { billing, agent, noticeId } = await billingWithNotice('prior-auth-p2p-evicore');
      const { caseId } = await openCaseByForm(agent, await checkedForm(agent, noticeId));
      const opened = (await http.get(`/api/v1/cases/${caseId}`).set(billing.auth)).body;
      expect(opened.denial.reviewer).to.deep.equal({ name: 'Samuel Whitcomb', credentials: 'MD' });
      expect(opened.payer.appealsAddress).to.deep.equal({
        line1: 'Keystone Health Partners Member Appeals',
        line2: 'PO Box 3300',
        city: 'Harrisburg',
        state: 'PA',
        postalCode: '17105',
      });
      expect(opened.denial.peerToPeerOffer.phone).to.equal('8885550136');
      expect(opened.denial.peerToPeerOffer.window).to.match(/^within 14 calendar days of this notice/);
      expect(opened.peerToPeer).to.include({ status: 'requested', windowLastDate: '2026-12-02' });
      const casePage = (await agent.get(`/cases/${caseId}`)).text;
      const shown = (id: string) => new RegExp(`id="${id}">([^]*?)</dd>`).exec(casePage)?.[1];
      expect(shown('denial-reviewer')).to.equal('Samuel Whitcomb, MD (the payer’s reviewer)');
      expect(shown('appeals-address')).to.equal(
        'Keystone Health Partners Member Appeals, PO Box 3300, Harrisburg, PA 17105',
      );
      expect(shown('p2p-offer')).to.match(/^call 8885550136; <q>within 14 calendar days of this notice/);

      const director = await makeWebUser('medical_director');
      const closing = await http.get('/api/v1/p2p/windows-closing?withinDays=14').set(director.auth);
      const review = closing.body.requested.find((r: { caseId: string }) => r.caseId === caseId);
      expect(review.window).to.include({ lastDate: '2026-12-02', source: 'notice' });
      expect(review.window.basis).to.match(/^Last day for the peer-to-peer call from the denial notice: within 14/);
      expect(review.payerContact).to.deep.equal({ phone: '8885550136' });
      expect(review.reviewer).to.deep.equal({ name: 'Samuel Whitcomb' });
      expect(await EvidenceDocumentModel.countDocuments({ caseId })).to.equal(1);
    },
  );

  it(
    'when the notice’s last day for the call has passed, then the case is not opened and the form says why ' +
      'beside that day, leaving no case, call or document',
    async () => {
      const { agent, noticeId } = await billingWithNotice('interqual-inpatient-ma');
      const [cases, reviews, documents] = await Promise.all([
        CaseModel.countDocuments(),
        PeerToPeerReviewModel.countDocuments(),
        EvidenceDocumentModel.countDocuments(),
      ]);
      const sent = await sendIntakeForm(agent, await checkedForm(agent, noticeId));
      expect(sent.status).to.equal(400);
      expect(sent.text, /error-summary[\s\S]*?<\/ul>/.exec(sent.text)?.[0]).to.match(
        /id="p2p-lastDate-error">The peer-to-peer window closed on 2026-11-09/,
      );
      expect(inputValue(sent.text, 'p2p-lastDate')).to.equal('2026-11-09');
      expect(await CaseModel.countDocuments()).to.equal(cases);
      expect(await PeerToPeerReviewModel.countDocuments()).to.equal(reviews);
      expect(await EvidenceDocumentModel.countDocuments()).to.equal(documents);
    },
  );

  it('when the call’s last day is given with an outside physician, then it asks for one on the list', async () => {
    const { agent, noticeId } = await billingWithNotice('prior-auth-p2p-evicore');
    const form = await checkedForm(agent, noticeId);
    const sent = await sendIntakeForm(agent, {
      ...form,
      'treatingClinician[userId]': '',
      'treatingClinician[name]': 'Dr. Outside Physician',
    });
    expect(sent.status).to.equal(400);
    expect(sent.text).to.match(
      /id="treatingClinician-userId-error">Choose the treating clinician who takes the peer-to-peer call/,
    );
  });

  it(
    'when the plan type is other, then the appeal deadline the notice prints is the case’s filing deadline, ' +
      'said to come from the notice',
    async () => {
      const { billing, agent, noticeId } = await billingWithNotice('bcbs-home-infusion-denial');
      const { caseId, location } = await openCaseByForm(agent, {
        ...(await checkedForm(agent, noticeId)),
        'payer[planType]': 'other',
      });
      const page = (await agent.get(location)).text;
      expect(page).not.to.contain('id="filing-deadline-missing"');
      const row = /Filing[\s\S]{0,400}?The date printed on the payer’s notice[^<]*/.exec(page)?.[0] ?? '';
      expect(row, 'the filing deadline row').to.contain('2027').and.contain('no federal rule sets this plan’s window');
      const opened = (await http.get(`/api/v1/cases/${caseId}`).set(billing.auth)).body;
      expect(opened.deadlines.find((d: { kind: string }) => d.kind === 'filing').dueDate).to.equal('2027-04-28');
    },
  );

  /**
   * A billing user signed in, and a notice of theirs (made unique) whose stored file is gone from the
   * disk (a restore without the uploads), so that attaching it to a case fails.
   */
  async function billingWithLostNotice(id: string) {
    const { user: billing, agent } = await signedInUser(app, 'billing');
    const pdf = uniqueNotice(id);
    const read = await http.post('/api/v1/denial-notices').set(billing.auth).attach('file', pdf, 'n.pdf');
    await fs.rm(path.join(uploadDir, 'denial-notices', sha256(pdf).slice(0, 2), sha256(pdf)));
    return { agent, pdf, noticeId: read.body.id as string };
  }

  it('when the notice’s file cannot be attached, then no case is opened and no document is left', async () => {
    const { agent, pdf, noticeId } = await billingWithLostNotice('bcbs-home-infusion-denial');
    const form = await agent.get(`/cases/new?notice=${noticeId}`);
    const casesBefore = await CaseModel.countDocuments();
    const sent = await sendIntakeForm(agent, confirmed(noticeId, csrfOf(form.text)));
    expect(sent.status).to.equal(500);
    expect(await CaseModel.countDocuments()).to.equal(casesBefore);
    expect(await EvidenceDocumentModel.countDocuments({ sha256: sha256(pdf) })).to.equal(0);
    const inStore = await fs.stat(path.join(uploadDir, sha256(pdf).slice(0, 2), sha256(pdf))).then(
      () => true,
      () => false,
    );
    expect(inStore, 'no file left in the evidence store').to.equal(false);
  });

  it('when the notice cannot be attached after the call is asked for, then neither case nor call is left', async () => {
    const { agent, noticeId } = await billingWithLostNotice('prior-auth-p2p-evicore');
    const form = await checkedForm(agent, noticeId);
    expect(form['p2p[lastDate]']).to.equal('2026-12-02');
    const [cases, reviews] = await Promise.all([CaseModel.countDocuments(), PeerToPeerReviewModel.countDocuments()]);
    const sent = await sendIntakeForm(agent, form);
    expect(sent.status).to.equal(500);
    expect(await CaseModel.countDocuments()).to.equal(cases);
    expect(await PeerToPeerReviewModel.countDocuments()).to.equal(reviews);
  });
});
