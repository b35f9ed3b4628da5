import { expect } from 'chai';
import { parseMarkup, htmlPage, typesetDocument, MarkupError, PREVIEW_CSP } from '../../server/platform/pdf/index.js';
import { pdfPagesText } from './pdf-text.js';

describe('document markup', () => {
  it('parses headings, paragraphs with styles, lists and tables, collapsing whitespace as HTML does', () => {
    const blocks = parseMarkup(`<h2>Dates</h2>
      <p class="right">  November   23, 2026 </p>
      <p>Line one <b>bold</b><br>  line two</p>
      <ul><li>One</li> <li>Two</li></ul>
      <table class="grid"><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2 &amp; 3</td></tr></table>`);
    expect(blocks).to.deep.equal([
      { kind: 'heading', level: 2, content: [{ text: 'Dates' }] },
      { kind: 'paragraph', styles: ['right'], content: [{ text: 'November 23, 2026' }] },
      {
        kind: 'paragraph',
        styles: [],
        content: [{ text: 'Line one ' }, { text: 'bold', bold: true }, { text: '\nline two' }],
      },
      { kind: 'list', ordered: false, items: [[{ text: 'One' }], [{ text: 'Two' }]] },
      {
        kind: 'table',
        style: 'grid',
        header: [[{ text: 'A' }], [{ text: 'B' }]],
        rows: [[[{ text: '1' }], [{ text: '2 & 3' }]]],
      },
    ]);
  });

  const refused: Array<[string, string, RegExp]> = [
    ['a script tag', '<p>x</p><script>alert(1)</script>', /<script> is not an allowed block/],
    ['an event-handler attribute', '<p onclick="x()">x</p>', /"<" or ">" that is not part of an allowed tag/],
    ['an unknown class', '<p class="evil">x</p>', /Class "evil" is not allowed on <p>/],
    ['text outside a block', 'Dear reviewer,', /text must be inside a block/],
    ['an unclosed paragraph', '<p>x', /<p> is never closed/],
    ['a link inside a paragraph', '<p><a>x</a></p>', /<a> is not allowed inside <p>/],
    ['a bare ampersand', '<p>A & B</p>', /bare "&"/],
  ];
  for (const [what, source, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => parseMarkup(source)).to.throw(MarkupError, message);
    });
  }

  it('renders a preview page whose only style is allowed by its CSP hash, with text escaped', () => {
    const html = htmlPage('OVT-2026-00012 <draft>', parseMarkup('<p>&lt;img src=x onerror=alert(1)&gt;</p>'));
    expect(html).to.include('<p>&#60;img src&#61;x onerror&#61;alert(1)&#62;</p>');
    expect(html).to.include('<title>OVT-2026-00012 &#60;draft&#62;</title>');
    expect(PREVIEW_CSP).to.match(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.to.match(/<script/i);
  });
});

describe('a single typeset document', () => {
  it('is footed on every page and byte-stable for the same clock', async () => {
    const paragraph = '<p>Approve the MRI because six weeks of therapy failed and the deficit progresses.</p>';
    const blocks = parseMarkup(`<h1>Peer-to-peer prep sheet</h1>${paragraph.repeat(80)}`);
    const meta = {
      title: 'OVT-2026-00012 – prep sheet',
      author: 'Overturn',
      createdAt: new Date('2026-11-23T14:00:00Z'),
    };
    const a = await typesetDocument(blocks, { meta, reference: 'OVT-2026-00012' });
    const b = await typesetDocument(blocks, { meta, reference: 'OVT-2026-00012' });
    expect(a.pdf.equals(b.pdf)).to.equal(true);
    const pages = await pdfPagesText(a.pdf);
    expect(a.pageCount).to.be.greaterThan(1);
    expect(pages).to.have.length(a.pageCount);
    pages.forEach((text, i) =>
      expect(text).to.include(`Page ${i + 1} of ${a.pageCount} · OVT-2026-00012 · CONFIDENTIAL`),
    );
  });
});
