/**
 * A letter template set back to the one shipped with Overturn, from its page without script: the
 * clinic's version is removed against the version read, and new letters use the shipped one.
 */
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

const PAGE = '/admin/letter-templates/medical_necessity';

describe('web administration: letter templates', () => {
  it(
    'when an administrator resets the clinic’s version of a template, then the shipped one applies ' +
      'again and the page offers no reset any more',
    async () => {
      const { app } = testApp();
      const admin = await makeWebUser('admin');
      const { agent } = await signedInAgent(app, admin);
      const shipped = await agent.get(PAGE);
      expect(shipped.text).not.to.contain('Reset to the shipped template');
      const original = /<textarea[^>]*name="source"[^>]*>([\s\S]*?)<\/textarea>/.exec(shipped.text)![1];

      const saved = await agent
        .post(PAGE)
        .type('form')
        .send({ _csrf: csrfOf(shipped.text), version: 0, source: `<p>Clinic version</p>\n${unescape(original)}` });
      expect(saved.status, saved.text.slice(0, 300)).to.equal(303);
      const own = await agent.get(PAGE);
      expect(own.text).to.contain('The clinic’s own version').and.contain('Reset to the shipped template');

      // A reset from a page read before another save is refused, and nothing is removed.
      const stale = await agent
        .post(`${PAGE}/reset`)
        .type('form')
        .send({ _csrf: csrfOf(own.text), version: 2 });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('Another administrator saved this template');
      expect((await agent.get(PAGE)).text).to.contain('The clinic’s own version');

      const reset = await agent
        .post(`${PAGE}/reset`)
        .type('form')
        .send({ _csrf: csrfOf(own.text), version: 1 });
      expect(reset.status).to.equal(303);
      expect(reset.headers.location).to.equal('/admin/letter-templates?notice=reset');
      expect((await agent.get(reset.headers.location)).text).to.contain('new letters use the template shipped');
      const after = await agent.get(PAGE);
      expect(after.text).to.contain('Shipped with Overturn').and.not.contain('Reset to the shipped template');
      expect(/<textarea[^>]*name="source"[^>]*>([\s\S]*?)<\/textarea>/.exec(after.text)![1]).to.equal(original);
    },
  );
});

/** The source as the textarea shows it, escaped, back to what was typed. */
function unescape(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}
