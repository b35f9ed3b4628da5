import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLetterTemplates, BUILTIN_TEMPLATES, TemplateError } from '../../server/packets/letter-templates.js';
import { createApp } from '../../server/app.js';
import { loadTestConfig } from '../../server/config.js';
import { silentLogger } from '../support/app.js';
import { buildLetterView } from '../../server/packets/letter-view.js';
import { defaultTemplate } from '../../server/packets/template-choice.js';
import { levelName } from '../../server/packets/letter-words.js';
import { formatDate, money } from '../../server/packets/letter-helpers.js';
import { parseMarkup, inlineText, type Block } from '../../server/platform/pdf/index.js';
import { sampleCaseRecord, sampleCriteria, sampleExhibits } from '../../server/packets/specimen-case.js';

const clinic = {
  name: 'Northside Spine & Rehabilitation',
  address: '400 Commonwealth Avenue; Boston, MA 02215',
  phone: '617-555-0100',
  fax: '617-555-0101',
  npi: '1548293076',
};
const view = (overrides = {}) =>
  buildLetterView({
    caseRecord: sampleCaseRecord(overrides),
    criteria: sampleCriteria,
    exhibits: sampleExhibits,
    clinic,
    today: '2026-11-23',
  });

function blockText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
          return inlineText(b.content);
        case 'list':
          return b.items.map(inlineText).join('\n');
        case 'table':
          return [...(b.header ? [b.header] : []), ...b.rows].map((r) => r.map(inlineText).join(' | ')).join('\n');
        case 'rule':
          return '';
      }
    })
    .join('\n');
}

function orgDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overturn-org-templates-'));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

describe('letter templates', () => {
  const templates = loadLetterTemplates();

  for (const name of BUILTIN_TEMPLATES) {
    it(
      `${name}: renders the patient, the claim, the codes, ` +
        `each criterion it argues with its citation, each enclosure`,
      () => {
        const text = blockText(parseMarkup(templates.render(name, view())));
        for (const expected of [
          'Maria Alvarez',
          'CLM-77310045',
          '72148',
          'M54.16',
          'XJH884512',
          'Dr. Priya Natarajan',
          'November 2, 2026',
          'OVT-2026-00012',
          // A timely-filing letter argues proof of submission, never clinical criteria.
          ...(name === 'timely_filing' ? [] : sampleCriteria.map((c) => c.citation)),
          ...(name === 'timely_filing' ? [] : sampleCriteria.map((c) => c.guideline.criterionText)),
          ...sampleExhibits.map((e) => e.title),
        ]) {
          expect(text, `${name} lacks ${expected}`).to.include(expected);
        }
      },
    );
  }

  it('when any letter is rendered, then no heading names the patient (Maria), though the letter does', () => {
    for (const name of BUILTIN_TEMPLATES) {
      const blocks = parseMarkup(templates.render(name, view()));
      const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [inlineText(b.content)] : []));
      expect(headings.length, name).to.be.greaterThan(0);
      for (const heading of headings) expect(heading, name).not.to.include('Maria');
      expect(blockText(blocks), name).to.include('Maria Alvarez');
    }
  });

  it('quotes the evidence for a criterion with the exhibit and page it comes from', () => {
    const text = blockText(parseMarkup(templates.render('medical_necessity', view())));
    expect(text).to.include(
      '“Persistent L5 radiculopathy despite 8 weeks of PT” (Exhibit 1, Progress note 2026-10-15, p. 2)',
    );
  });

  it(
    'when the filing deadline falls on Sun 2027-01-24 under a rule that does not roll over, then the letter ' +
      'keeps the date and names the last business day before it, Fri 2027-01-22',
    () => {
      const deadline = {
        kind: 'filing' as const,
        level: 'internal_appeal' as const,
        dueDate: '2027-01-24',
        basis: '180 days from receipt',
        citation: '29 CFR 2560.503-1(h)(3)(i)',
        lastBusinessDay: 'Fri 2027-01-22',
      };
      const text = blockText(parseMarkup(templates.render('medical_necessity', view({ deadlines: [deadline] }))));
      expect(text).to.include(
        `${formatDate('2027-01-24')} (29 CFR 2560.503-1(h)(3)(i)); offices closed that day, last business day ` +
          `before it ${formatDate('2027-01-22')}`,
      );
      expect(blockText(parseMarkup(templates.render('medical_necessity', view())))).to.not.include('offices closed');
    },
  );

  it('states the appeal level in words with its position, and the ERISA rights for an employer plan', () => {
    const text = blockText(parseMarkup(templates.render('medical_necessity', view())));
    expect(text).to.include('Level 1 – Internal Appeal');
    expect(text).to.include('29 CFR 2560.503-1');
    expect(text).to.include('free of charge');
    // The sample notice shows no automated review: the paragraph asking for an individualized one is left out.
    expect(text).to.not.include('individualized review');
  });

  it('gives a Medicare Advantage member the physician-reviewer paragraph instead of the ERISA one', () => {
    const text = blockText(
      parseMarkup(
        templates.render(
          'medical_necessity',
          view({
            payer: { ...sampleCaseRecord().payer, planType: 'medicare_advantage' },
            appealLevel: 'reconsideration',
          }),
        ),
      ),
    );
    expect(text).to.include('42 CFR 422.566(d)');
    expect(text).to.include('Level 1 – Reconsideration');
    expect(text).not.to.include('2560.503-1');
  });

  it('an external review request summarises the internal appeal and its outcome', () => {
    const v = view({
      appealLevel: 'external_review',
      levelHistory: [
        {
          level: 'internal_appeal',
          outcome: 'upheld',
          decidedOn: '2026-12-20',
          recordedAt: new Date('2026-12-21T10:00:00Z'),
        },
      ],
    });
    const text = blockText(parseMarkup(templates.render('external_review_request', v)));
    expect(text).to.include('Level 2 – External Review');
    expect(text).to.include('Level 1 – Internal Appeal: Upheld on December 20, 2026');
  });

  it('escapes data: a value with markup in it stays text', () => {
    const v = view({ patient: { ...sampleCaseRecord().patient, lastName: '<script>alert(1)</script> & Sons' } });
    const markup = templates.render('medical_necessity', v);
    expect(markup).not.to.include('<script>');
    expect(blockText(parseMarkup(markup))).to.include('Maria <script>alert(1)</script> & Sons');
  });

  it('lists the eight letters the clinic needs', () => {
    expect(templates.names()).to.have.members([...BUILTIN_TEMPLATES]);
  });

  describe('organisation templates', () => {
    it('refuses a template with triple-stash raw output, naming the file', () => {
      const dir = orgDir({ 'custom.hbs': '<p>{{{patient.name}}}</p>' });
      expect(() => loadLetterTemplates({ orgDir: dir })).to.throw(
        TemplateError,
        /custom\.hbs refused: raw output "\{\{\{"/,
      );
    });

    it('stops the service at start, naming the file, when ORG_TEMPLATE_DIR holds a refused template', () => {
      const dir = orgDir({ 'custom.hbs': '<p>{{{patient.name}}}</p>' });
      expect(() => createApp({ config: loadTestConfig({ orgTemplateDir: dir }), logger: silentLogger })).to.throw(
        TemplateError,
        /custom\.hbs refused/,
      );
    });

    it('refuses a template with {{& raw output', () => {
      const dir = orgDir({ 'custom.hbs': '<p>{{& patient.name}}</p>' });
      expect(() => loadLetterTemplates({ orgDir: dir })).to.throw(TemplateError, /raw output "\{\{&"/);
    });

    it('refuses inline partials that would shadow ours', () => {
      const dir = orgDir({ 'custom.hbs': '{{#*inline "letterhead"}}<p>fake</p>{{/inline}}{{> letterhead}}' });
      expect(() => loadLetterTemplates({ orgDir: dir })).to.throw(TemplateError, /inline partials/);
    });

    it('refuses a helper we do not register, at load', () => {
      const dir = orgDir({ 'custom.hbs': '<p>{{lookup patient "name"}}{{readFile "/etc/passwd"}}</p>' });
      expect(() => loadLetterTemplates({ orgDir: dir })).to.throw(
        TemplateError,
        /does not compile.*unknown helper readFile/,
      );
    });

    it('cannot write data to the log', () => {
      const dir = orgDir({ 'custom.hbs': '<p>{{log patient.name}}</p>' });
      expect(() => loadLetterTemplates({ orgDir: dir })).to.throw(TemplateError, /unknown helper log/);
    });

    it('adds a new letter and replaces a built-in one, sharing our partials', () => {
      const dir = orgDir({
        'custom_thanks.hbs': '{{> letterhead}}<p>Thank you, {{payer.name}}.</p>',
        'medical_necessity.hbs': '<p>Our own wording for {{patient.name}}.</p>',
      });
      const org = loadLetterTemplates({ orgDir: dir });
      expect(org.names()).to.include('custom_thanks');
      expect(blockText(parseMarkup(org.render('custom_thanks', view())))).to.include('Thank you, Acme Health Plan.');
      expect(org.render('medical_necessity', view())).to.equal('<p>Our own wording for Maria Alvarez.</p>');
    });

    it('fails loudly, naming the field, when a template prints a field the letter does not have', () => {
      const org = loadLetterTemplates({ orgDir: orgDir({ 'typo.hbs': '<p>{{patient.middleName}}</p>' }) });
      expect(() => org.render('typo', view())).to.throw(TemplateError, /"middleName" not defined/);
    });

    it('fails loudly when a helper is handed a field that does not exist', () => {
      const org = loadLetterTemplates({ orgDir: orgDir({ 'typo.hbs': '<p>{{formatDate denial.noticeDat}}</p>' }) });
      expect(() => org.render('typo', view())).to.throw(
        TemplateError,
        /formatDate: the template passed a field the letter data does not have/,
      );
    });

    it('when a template misuses a field, then the error names the template and never quotes the patient', () => {
      for (const source of [
        '<p>{{patient.name.last}}</p>',
        '<p>{{formatDate patient.name}}</p>',
        '<p>{{money patient.name}}</p>',
        '<p>{{patient.name.nope.deeper}}</p>',
      ]) {
        const org = loadLetterTemplates({ orgDir: orgDir({ 'misuse.hbs': source }) });
        let message = '';
        try {
          org.render('misuse', view());
        } catch (err) {
          message = (err as Error).message;
        }
        expect(message, source).to.match(/^Template "misuse" could not be rendered: /);
        expect(message, source).not.to.contain('Maria').and.not.to.contain('Alvarez');
      }
    });

    it('cannot reach prototype properties of the data', () => {
      const org = loadLetterTemplates({
        orgDir: orgDir({ 'proto.hbs': '<p>[{{patient.constructor}}][{{#with patient}}{{__proto__}}{{/with}}]</p>' }),
      });
      expect(org.render('proto', view())).to.equal('<p>[][]</p>');
    });

    it('cannot include a partial we did not register (no file access)', () => {
      const org = loadLetterTemplates({ orgDir: orgDir({ 'sneaky.hbs': '{{> ../../../etc/passwd}}' }) });
      expect(() => org.render('sneaky', view())).to.throw(TemplateError, /could not be found/);
    });

    it('refuses an unknown template by name', () => {
      expect(() => templates.render('nonexistent', view())).to.throw(TemplateError, /no letter template "nonexistent"/);
    });
  });
});

describe('default letter for a case', () => {
  const base = {
    appealLevel: 'internal_appeal',
    priority: 'standard',
    status: 'gathering_evidence',
    denial: { category: 'medical_necessity' },
  };
  const cases: Array<
    [string, Partial<typeof base> & { denial?: { category: string }; peerToPeer?: { status: string } }, string]
  > = [
    ['a medical-necessity denial', {}, 'medical_necessity'],
    ['a prior-authorization denial', { denial: { category: 'prior_authorization' } }, 'prior_authorization'],
    [
      'an experimental/investigational denial',
      { denial: { category: 'experimental_investigational' } },
      'experimental_investigational',
    ],
    ['a coding denial', { denial: { category: 'coding' } }, 'coding_correction'],
    ['a timely-filing denial', { denial: { category: 'timely_filing' } }, 'timely_filing'],
    ['a benefit exclusion', { denial: { category: 'benefit_exclusion' } }, 'medical_necessity'],
    ['an expedited case', { priority: 'expedited', denial: { category: 'coding' } }, 'expedited_appeal'],
    [
      'a case at external review, even expedited',
      { appealLevel: 'external_review', priority: 'expedited' },
      'external_review_request',
    ],
    ['a Medicaid case at the state fair hearing', { appealLevel: 'state_fair_hearing' }, 'external_review_request'],
    ['a case whose peer-to-peer call is asked for', { peerToPeer: { status: 'requested' } }, 'p2p_request'],
    ['a case whose peer-to-peer call is booked', { peerToPeer: { status: 'scheduled' } }, 'medical_necessity'],
  ];
  for (const [situation, overrides, expected] of cases) {
    it(`when it is ${situation}, then the letter is ${expected}`, () => {
      expect(defaultTemplate({ ...base, ...overrides })).to.equal(expected);
    });
  }
});

describe('letter helpers', () => {
  it('names levels as payers do, with their position in the plan', () => {
    expect(levelName('redetermination', 'medicare_ab')).to.equal('Level 1 – Redetermination');
    expect(levelName('reconsideration', 'medicare_ab')).to.equal('Level 2 – Reconsideration');
    expect(levelName('reconsideration', 'medicare_advantage', true)).to.equal('Level 1 – Expedited Reconsideration');
    expect(levelName('external_review', 'erisa_group')).to.equal('Level 2 – External Review');
  });

  it('formats dates and money for a letter, and refuses a missing value', () => {
    expect(formatDate('2026-11-02')).to.equal('November 2, 2026');
    expect(money(1840.5)).to.equal('$1,840.50');
    expect(formatDate(null)).to.equal('');
    expect(() => formatDate(undefined)).to.throw(/does not have/);
  });
});
