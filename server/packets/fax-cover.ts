/**
 * The fax cover sheet: the first page of a packet sent by fax, stating how many pages the whole
 * transmission has (this sheet included), so the payer's mailroom can tell a complete fax from a
 * broken one. It carries no patient name or member ID (a cover page is read by whoever stands
 * at the machine): the reference and the level are enough to route it. Pure: data → blocks.
 */
import { plain, type Block, type Inline } from '../platform/pdf/index.js';
import { formatDate } from './letter-helpers.js';
import type { LetterView } from './letter-view.js';

export interface FaxCover {
  to: { name: string; fax: string };
  from: { name: string; phone: string; fax: string; contact: string };
  reference: string;
  /** "Level 1 – Redetermination" */
  levelName: string;
  /** The date of sending (YYYY-MM-DD), from the clock. */
  date: string;
}

/** The cover sheet is one page; the packet's assembly checks it stays so. */
export const FAX_COVER_PAGES = 1;

const row = (label: string, value: string): Inline[] => [plain(label), plain(value)];

/**
 * The cover's blocks for a transmission of `totalPages` pages, cover included.
 */
export function faxCoverBlocks(cover: FaxCover, totalPages: number): Block[] {
  return [
    { kind: 'heading', level: 1, content: plain('Fax') },
    {
      kind: 'table',
      style: 'kv',
      header: null,
      rows: [
        row('To', `${cover.to.name}, appeals`),
        row('Fax', cover.to.fax),
        row('From', `${cover.from.name} (${cover.from.contact})`),
        row('Phone', cover.from.phone),
        row('Reply fax', cover.from.fax),
        row('Date', formatDate(cover.date)),
        row('Pages', `${totalPages}, including this cover sheet`),
        row('Re', `Appeal request: ${cover.levelName} · reference ${cover.reference}`),
      ],
    },
    {
      kind: 'paragraph',
      styles: [],
      content: plain(
        `Please deliver to the appeals unit. If you did not receive all ${totalPages} pages, ` +
          `call ${cover.from.phone} and quote reference ${cover.reference}.`,
      ),
    },
    { kind: 'rule' },
    {
      kind: 'paragraph',
      styles: ['small'],
      content: [
        { text: 'Confidential: ', bold: true },
        {
          text:
            'the pages that follow contain protected health information, sent for treatment, payment or ' +
            'health care operations. If you are not the intended recipient, do not read, copy or pass them on; ' +
            `call ${cover.from.phone} and destroy what you received.`,
        },
      ],
    },
  ];
}

/**
 * The cover for a packet faxed to the payer, from the letter's view (the fax number is the case's,
 * or its payer profile's); null when no appeals fax number is known.
 */
export function faxCoverFor(
  view: Pick<LetterView, 'payer' | 'clinic' | 'clinician' | 'reference' | 'levelName'>,
  date: string,
): FaxCover | null {
  if (!view.payer.fax) return null;
  return {
    to: { name: view.payer.name, fax: view.payer.fax },
    from: {
      name: view.clinic.name,
      phone: view.clinic.phone,
      fax: view.clinic.fax,
      contact: view.clinician.displayName,
    },
    reference: view.reference,
    levelName: view.levelName,
    date,
  };
}
