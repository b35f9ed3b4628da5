/**
 * What `pdffonts` and `pdfinfo` would say of the PDFs we typeset, checked in JavaScript (poppler is
 * not among the project's tools): every font has its font file embedded, and the letter is tagged
 * (MarkInfo Marked, a structure tree of headings, paragraphs, lists and tables), also once merged
 * into a packet.
 */
import { expect } from 'chai';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { drawableText, parseMarkup, typesetDocument } from '../../server/platform/pdf/index.js';
import { assemblePacket } from '../../server/packets/packet-pdf.js';
import { loadLetterTemplates } from '../../server/packets/letter-templates.js';
import { buildLetterView } from '../../server/packets/letter-view.js';
import { sampleCaseRecord, sampleCriteria, sampleExhibits } from '../../server/packets/specimen-case.js';
import { patientLetterView } from '../../server/packets/patient-letter.view.js';
import { renderPatientLetter } from '../../server/packets/patient-letter.service.js';

const meta = { title: 'OVT-2026-00012 letter', author: 'Clinic', createdAt: new Date('2026-11-23T14:00:00Z') };
const letter = parseMarkup(
  '<h1>Appeal of a denied claim</h1><p>Dear reviewer, the plan’s “plateau” is not what the measures show.</p>' +
    '<h2>Measures</h2><ul><li>Knee flexion <b>95°</b> → <i>118°</i></li><li>Gait speed ≥ 0.8 m/s</li></ul>' +
    '<table class="grid"><tr><th>Measure</th><th>Before</th><th>After</th></tr>' +
    '<tr><td>Flexion</td><td>95</td><td>118</td></tr></table>',
);

const name = (n: string) => PDFName.of(n);

/** Each font as pdffonts lists it: its name, and whether a font file is embedded (FontFile, FontFile2 or FontFile3). */
function fontsOf(pdf: PDFDocument): Array<{ name: string; embedded: boolean; trueType: boolean }> {
  const fonts = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(name('Type')) !== name('Font')) continue;
    const subtype = object.get(name('Subtype'));
    if (subtype === name('CIDFontType0') || subtype === name('CIDFontType2')) continue; // listed with its Type0 parent
    const font =
      subtype === name('Type0') ? object.lookup(name('DescendantFonts'), PDFArray).lookup(0, PDFDict) : object;
    const descriptor = font.lookupMaybe(name('FontDescriptor'), PDFDict);
    fonts.push({
      name: object.lookup(name('BaseFont'))?.toString() ?? '',
      embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((f) => descriptor?.has(name(f))),
      trueType: Boolean(descriptor?.has(name('FontFile2'))),
    });
  }
  return fonts;
}

/** The structure element types in reading order, as `pdfinfo -struct` prints them. */
function structureTypes(pdf: PDFDocument): string[] {
  const root = pdf.catalog.lookup(name('StructTreeRoot'), PDFDict);
  const types: string[] = [];
  const walk = (kid: unknown): void => {
    const el = kid instanceof PDFRef ? pdf.context.lookup(kid) : kid;
    if (el instanceof PDFArray) return el.asArray().forEach(walk);
    if (!(el instanceof PDFDict) || !el.has(name('S'))) return;
    types.push(el.lookup(name('S'), PDFName).decodeText());
    walk(el.get(name('K')));
  };
  walk(root.get(name('K')));
  return types;
}

function marked(pdf: PDFDocument): boolean {
  return pdf.catalog.lookupMaybe(name('MarkInfo'), PDFDict)?.lookup(name('Marked'), PDFBool).asBoolean() ?? false;
}

describe('fonts embedded and tags in our PDFs', function () {
  this.timeout(60_000);

  it('when a letter is typeset, then every font is an embedded TrueType subset, none a standard-14 font', async () => {
    const { pdf } = await typesetDocument(letter, { meta, reference: 'OVT-2026-00012' });
    const fonts = fontsOf(await PDFDocument.load(pdf));
    expect(fonts.map((f) => f.name)).to.include.members(['/CZZZZZ+Arimo-Regular', '/DZZZZZ+Arimo-Bold']);
    for (const font of fonts) expect(font, font.name).to.include({ embedded: true, trueType: true });
  });

  it('when a letter is typeset, then it is tagged in English, its title shown, each block tagged', async () => {
    const { pdf } = await typesetDocument(letter, { meta, reference: 'OVT-2026-00012' });
    const doc = await PDFDocument.load(pdf);
    expect(marked(doc)).to.equal(true);
    expect(doc.catalog.lookup(name('Lang'))?.toString()).to.equal('(en-US)');
    const prefs = doc.catalog.lookup(name('ViewerPreferences'), PDFDict);
    expect(prefs.lookup(name('DisplayDocTitle'), PDFBool).asBoolean()).to.equal(true);
    expect(structureTypes(doc)).to.deep.equal([
      'Document',
      'H1',
      'P',
      'H2',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TH',
      'TH',
      'TR',
      'TD',
      'TD',
      'TD',
    ]);
  });

  it(
    'when the appeal letter and the letter to the patient are typeset from their templates, then both are ' +
      'tagged and embed every font',
    async () => {
      const record = sampleCaseRecord();
      const view = buildLetterView({
        caseRecord: record,
        criteria: sampleCriteria,
        exhibits: sampleExhibits,
        clinic: { name: 'Clinic', address: '1 Main St', phone: '617-555-0100', fax: '617-555-0101', npi: '1548293076' },
        today: '2026-11-23',
      });
      const patient = patientLetterView(record, {
        clinic: { name: 'Clinic', phone: '617-555-0100' },
        today: '2026-11-23',
      });
      for (const [what, markup] of [
        ['appeal letter', loadLetterTemplates().render('medical_necessity', view)],
        ['patient letter', renderPatientLetter(patient)],
      ]) {
        const { pdf } = await typesetDocument(parseMarkup(markup), { meta, reference: record.reference });
        const doc = await PDFDocument.load(pdf);
        expect(marked(doc), what).to.equal(true);
        const types = structureTypes(doc);
        expect(types[0], what).to.equal('Document');
        expect(types, what).to.include.members(['H1', 'H2', 'P']);
        for (const font of fontsOf(doc)) expect(font, `${what}: ${font.name}`).to.include({ embedded: true });
      }
    },
  );

  it('when the letter is merged into a draft packet, then every font is embedded and it keeps its tags', async () => {
    const note = await typesetDocument(parseMarkup('<p>Progress note</p>'), { meta, reference: 'x' });
    const packet = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      meta,
      fileId: '0123456789abcdef0123456789abcdef',
      draft: true,
      exhibits: [
        {
          title: 'Progress note',
          kind: 'progress_note',
          date: '2026-10-15',
          mediaType: 'application/pdf',
          bytes: note.pdf,
        },
        {
          title: 'Plan of care',
          kind: 'plan_of_care',
          date: '2026-10-01',
          mediaType: 'text/plain',
          bytes: Buffer.from('Plan:\tthree visits a week'),
        },
      ],
    });
    const doc = await PDFDocument.load(packet.pdf);
    const fonts = fontsOf(doc);
    expect(fonts.map((f) => f.name)).to.include('/OVTSTP+Arimo-Regular'); // the stamps' font
    for (const font of fonts) expect(font, font.name).to.include({ embedded: true });
    expect(marked(doc)).to.equal(true);
    expect(structureTypes(doc).slice(0, 4)).to.deep.equal(['Document', 'H1', 'P', 'H2']);
    // The letter's and the index's pages find their elements through the parent tree, each under its own key.
    const tree = doc.catalog.lookup(name('StructTreeRoot'), PDFDict);
    const nums = tree.lookup(name('ParentTree'), PDFDict).lookup(name('Nums'), PDFArray);
    const keys = doc.getPages().flatMap((p) => p.node.lookupMaybe(name('StructParents'), PDFNumber)?.asNumber() ?? []);
    expect(keys).to.have.length(packet.letterPages + packet.indexPages);
    expect(new Set(keys).size).to.equal(keys.length);
    for (const key of keys)
      expect(nums.asArray().some((n) => n instanceof PDFNumber && n.asNumber() === key)).to.equal(true);
  });

  it('when text has a character the font lacks, then it prints as its base letter or "?", never an empty box', () => {
    expect(drawableText('Nguyễn Zoë ≤ 3 → 4')).to.equal('Nguyễn Zoë ≤ 3 → 4');
    expect(drawableText('王 😀\tend')).to.equal('? ?    end');
  });
});
