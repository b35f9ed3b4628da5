/**
 * Document markup: the small, closed subset of HTML that letter templates emit and that we
 * lay out both as a PDF and as an HTML preview. Anything outside the subset (an unknown tag,
 * an attribute other than a known class, text outside a block) is refused with its position,
 * so a template cannot smuggle markup into either output. Handlebars escapes the data that
 * templates insert, so data can only ever become text.
 *
 * Blocks: h1 h2 h3 p ul ol (li) table (tr, th, td) hr. Inline: b i br.
 */
import { isOneOf } from '../guards.js';

export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
/** A line of text in runs; `\n` inside a run is a hard line break (from `<br>`). */
export type Inline = InlineRun[];

// `alert`: printed in red, for what must not be missed (a deadline already past).
const PARAGRAPH_STYLES = ['right', 'small', 'muted', 'signature', 'quote', 'alert'] as const;
const TABLE_STYLES = ['grid', 'kv'] as const;
export type ParagraphStyle = (typeof PARAGRAPH_STYLES)[number];
export type TableStyle = (typeof TABLE_STYLES)[number];

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; content: Inline }
  | { kind: 'paragraph'; styles: ParagraphStyle[]; content: Inline }
  | { kind: 'list'; ordered: boolean; items: Inline[] }
  | { kind: 'table'; style: TableStyle; header: Inline[] | null; rows: Inline[][] }
  | { kind: 'rule' };

export class MarkupError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset})`);
    this.name = 'MarkupError';
  }
}

interface Token {
  type: 'open' | 'close' | 'text';
  name: string;
  classes: string[];
  text: string;
  offset: number;
}

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+class="[a-z0-9 -]*")?)\s*\/?>/g;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    if (m.index > last) tokens.push(textToken(source.slice(last, m.index), last));
    const cls = /class="([^"]*)"/.exec(m[3] ?? '');
    tokens.push({
      type: m[1] ? 'close' : 'open',
      name: m[2],
      classes: cls ? cls[1].split(/\s+/).filter(Boolean) : [],
      text: '',
      offset: m.index,
    });
    last = m.index + m[0].length;
  }
  if (last < source.length) tokens.push(textToken(source.slice(last), last));
  return tokens;
}

function textToken(raw: string, offset: number): Token {
  const stray = raw.search(/[<>]/);
  if (stray >= 0) throw new MarkupError('A "<" or ">" that is not part of an allowed tag', offset + stray);
  return { type: 'text', name: '#text', classes: [], text: decodeEntities(raw, offset), offset };
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  middot: '·',
  sect: '§',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
};

function decodeEntities(raw: string, offset: number): string {
  return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);|&/gi, (whole, body: string | undefined, at: number) => {
    if (!body) throw new MarkupError('A bare "&" (write &amp;)', offset + at);
    if (body[0] === '#')
      return String.fromCodePoint(
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10),
      );
    const named = NAMED[body.toLowerCase()];
    if (named === undefined) throw new MarkupError(`Unknown entity ${whole}`, offset + at);
    return named;
  });
}

/** Parses document markup into blocks, or throws a MarkupError naming what is wrong and where. */
export function parseMarkup(source: string): Block[] {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];

  function expectClose(name: string, openedAt: number) {
    const t = tokens[i];
    if (!t) throw new MarkupError(`<${name}> is never closed`, openedAt);
    if (t.type !== 'close' || t.name !== name)
      throw new MarkupError(`Expected </${name}>, found ${describe(t)}`, t.offset);
    i++;
  }

  function classesOf<T extends string>(t: Token, allowed: readonly T[]): T[] {
    return t.classes.map((c) => {
      if (!isOneOf(allowed, c)) throw new MarkupError(`Class "${c}" is not allowed on <${t.name}>`, t.offset);
      return c;
    });
  }

  function inline(until: string, openedAt: number): Inline {
    const runs: Inline = [];
    const walk = (bold: boolean, italic: boolean, closing: string) => {
      for (;;) {
        const t = tokens[i];
        if (!t) throw new MarkupError(`<${closing}> is never closed`, openedAt);
        if (t.type === 'close' && t.name === closing) return;
        i++;
        if (t.type === 'text') runs.push({ text: t.text, bold, italic });
        else if (t.type === 'open' && t.name === 'br') runs.push({ text: '\n', bold, italic });
        else if (t.type === 'open' && (t.name === 'b' || t.name === 'i')) {
          classesOf(t, []);
          walk(bold || t.name === 'b', italic || t.name === 'i', t.name);
          expectClose(t.name, t.offset);
        } else throw new MarkupError(`${describe(t)} is not allowed inside <${closing}>`, t.offset);
      }
    };
    walk(false, false, until);
    return normalizeWhitespace(runs);
  }

  function skipSpace() {
    while (peek()?.type === 'text' && !peek().text.trim()) i++;
  }

  function children(parent: Token, child: string, read: (t: Token) => void) {
    for (;;) {
      skipSpace();
      const t = peek();
      if (!t) throw new MarkupError(`<${parent.name}> is never closed`, parent.offset);
      if (t.type === 'close' && t.name === parent.name) return;
      if (t.type !== 'open' || t.name !== child)
        throw new MarkupError(`Expected <${child}> inside <${parent.name}>, found ${describe(t)}`, t.offset);
      i++;
      classesOf(t, []);
      read(t);
    }
  }

  const blocks: Block[] = [];
  for (;;) {
    skipSpace();
    const t = peek();
    if (!t) break;
    i++;
    if (t.type !== 'open') throw new MarkupError(`${describe(t)} must be inside a block such as <p>`, t.offset);
    switch (t.name) {
      case 'h1':
      case 'h2':
      case 'h3':
        classesOf(t, []);
        blocks.push({
          kind: 'heading',
          level: t.name === 'h1' ? 1 : t.name === 'h2' ? 2 : 3,
          content: inline(t.name, t.offset),
        });
        break;
      case 'p':
        blocks.push({
          kind: 'paragraph',
          styles: classesOf(t, PARAGRAPH_STYLES),
          content: inline('p', t.offset),
        });
        break;
      case 'ul':
      case 'ol': {
        classesOf(t, []);
        const items: Inline[] = [];
        children(t, 'li', (li) => {
          items.push(inline('li', li.offset));
          expectClose('li', li.offset);
        });
        blocks.push({ kind: 'list', ordered: t.name === 'ol', items });
        break;
      }
      case 'table': {
        const style = classesOf(t, TABLE_STYLES)[0] ?? 'grid';
        let header: Inline[] | null = null;
        const rows: Inline[][] = [];
        children(t, 'tr', (tr) => {
          const cells: Inline[] = [];
          let headerRow = false;
          for (;;) {
            skipSpace();
            const c = peek();
            if (!c) throw new MarkupError('<tr> is never closed', tr.offset);
            if (c.type === 'close' && c.name === 'tr') break;
            if (c.type !== 'open' || (c.name !== 'td' && c.name !== 'th'))
              throw new MarkupError(`Expected <td> or <th> inside <tr>, found ${describe(c)}`, c.offset);
            i++;
            classesOf(c, []);
            headerRow = c.name === 'th';
            cells.push(inline(c.name, c.offset));
            expectClose(c.name, c.offset);
          }
          expectClose('tr', tr.offset);
          if (headerRow && !header && !rows.length) header = cells;
          else rows.push(cells);
        });
        blocks.push({ kind: 'table', style, header, rows });
        break;
      }
      case 'hr':
        classesOf(t, []);
        blocks.push({ kind: 'rule' });
        continue;
      default:
        throw new MarkupError(`<${t.name}> is not an allowed block`, t.offset);
    }
    expectClose(t.name, t.offset);
  }
  return blocks;
}

function describe(t: Token): string {
  if (t.type === 'text') return 'text';
  return t.type === 'open' ? `<${t.name}>` : `</${t.name}>`;
}

/** HTML's whitespace rule: runs collapse to one space; none at the start, the end or around a line break. */
function normalizeWhitespace(runs: Inline): Inline {
  const chars: { ch: string; bold: boolean; italic: boolean }[] = [];
  for (const run of runs) {
    const text = run.text === '\n' ? '\n' : run.text.replace(/\s+/g, ' ');
    for (const ch of text) {
      const prev = chars.at(-1)?.ch;
      if (ch === ' ' && (prev === undefined || prev === ' ' || prev === '\n')) continue;
      if (ch === '\n' && prev === ' ') chars.pop();
      chars.push({ ch, bold: Boolean(run.bold), italic: Boolean(run.italic) });
    }
  }
  if (chars.at(-1)?.ch === ' ') chars.pop();
  const result: Inline = [];
  for (const c of chars) {
    const last = result.at(-1);
    if (last && Boolean(last.bold) === c.bold && Boolean(last.italic) === c.italic) last.text += c.ch;
    else result.push({ text: c.ch, ...(c.bold ? { bold: true } : {}), ...(c.italic ? { italic: true } : {}) });
  }
  return result;
}

/** Plain text of a line of runs (for tests and measuring). */
export function inlineText(content: Inline): string {
  return content.map((r) => r.text).join('');
}
