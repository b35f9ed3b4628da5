/**
 * Tables we typeset keep each row clear of the next: a key-value table's key is set in bold, and a key
 * that wraps at that weight must push the row down, not run into what follows it (seen on the prep
 * sheet: a deadline's wrapped name overlapping the note under the deadlines).
 */
import { expect } from 'chai';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block } from '../../server/platform/pdf/index.js';
import { typesetDocument } from '../../server/platform/pdf/index.js';
import { pdfPagesText } from '../packets/pdf-text.js';

const meta = { title: 'OVT-2026-00027 prep sheet', author: 'Clinic', createdAt: new Date('2026-11-29T14:00:00Z') };

/** Each piece of text on page 1 with its baseline (points from the page's foot) and font size. */
async function textRuns(pdf: Buffer): Promise<Array<{ str: string; y: number; size: number }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  await doc.destroy();
  return content.items.flatMap((item) =>
    'str' in item && item.str.trim() ? [{ str: item.str, y: item.transform[5], size: item.transform[0] }] : [],
  );
}

/**
 * For each page break from `first` to `last` lines of body before `ending`: the text of the page where
 * `marker` is typeset, so a test can say what must be on that page with it.
 */
async function pagesWith(ending: Block[], marker: string, first: number, last: number) {
  const found: Array<{ lines: number; page: string | undefined }> = [];
  for (let lines = first; lines <= last; lines++) {
    const body: Block[] = Array.from({ length: lines }, (_, k) => ({
      kind: 'paragraph',
      styles: [],
      content: [{ text: `Line ${k + 1} of the letter's argument.` }],
    }));
    const { pdf } = await typesetDocument([...body, ...ending], { meta, reference: 'OVT-2026-00027' });
    found.push({ lines, page: (await pdfPagesText(pdf)).find((p) => p.includes(marker)) });
  }
  return found;
}

describe('typeset tables and letters', function () {
  // Twenty documents are typeset per page-break test; the machine is shared.
  this.timeout(180_000);
  it('when a key-value table’s bold key wraps, then what follows the table starts below its last line', async () => {
    const run = (text: string) => [{ text }];
    const blocks: Block[] = [
      {
        kind: 'table',
        style: 'kv',
        header: null,
        rows: [
          [run('Peer-to-peer window'), run('last day 2026-12-04 — Printed on the notice')],
          // Fits on one line in the regular face, wraps in the bold one the key is set in.
          [run('Expedited appeal request'), run('due 2026-12-02 — 42 CFR 422.584')],
        ],
      },
      { kind: 'paragraph', styles: ['small'], content: run('A pending peer-to-peer does not stop the appeal clock.') },
    ];
    const { pdf } = await typesetDocument(blocks, { meta, reference: 'OVT-2026-00027' });
    const runs = await textRuns(pdf);
    const keyLines = runs.filter((r) => /^(Expedited|appeal|request)/.test(r.str.trim()));
    const note = runs.find((r) => r.str.startsWith('A pending peer-to-peer'));
    expect(note, 'the note is on the page').to.not.equal(undefined);
    const lowestKeyLine = Math.min(...keyLines.map((r) => r.y));
    // Baselines count up from the foot: the note's must sit a full line below the key's last one.
    expect(lowestKeyLine - note!.y).to.be.at.least(note!.size);
  });

  it('when a heading falls near a page’s foot, then it goes to the next page with the text under it', async () => {
    const run = (text: string) => [{ text }];
    const section: Block[] = [
      { kind: 'heading', level: 2, content: run('The payer’s reasons, answered') },
      { kind: 'paragraph', styles: [], content: run('First, the plateau: knee flexion rose from 95 to 110 degrees.') },
    ];
    // Wherever the page breaks, the heading is on the page where its paragraph starts, never alone at a foot.
    for (const { lines, page } of await pagesWith(section, 'The payer’s reasons, answered', 30, 50))
      expect(page, `${lines} lines before`).to.contain('First, the plateau');
  });

  it('when a letter ends near a page’s foot, then the signature never starts a page alone', async () => {
    const run = (text: string) => [{ text }];
    const ending: Block[] = [
      { kind: 'paragraph', styles: [], content: run('Please contact me at 555-0100 with any question.') },
      { kind: 'paragraph', styles: ['signature'], content: run('Sincerely,\n\n\n____________\nDr. Priya Natarajan') },
    ];
    // However much comes before, wherever the page breaks, the closing line goes with the signature.
    for (const { lines, page } of await pagesWith(ending, 'Sincerely', 30, 48))
      expect(page, `${lines} lines before`).to.contain('Please contact me');
  });
});
