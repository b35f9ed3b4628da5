import crypto from 'node:crypto';
import type { Block, Inline } from './markup.js';

/**
 * Document markup as HTML for on-screen previews. Built from parsed blocks, not from the
 * template's output, so only the allowed tags and classes can ever reach the browser, and
 * every piece of text is escaped here.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inlineHtml(content: Inline): string {
  return content
    .map((r) => {
      let html = r.text.split('\n').map(escapeHtml).join('<br>');
      if (r.italic) html = `<i>${html}</i>`;
      if (r.bold) html = `<b>${html}</b>`;
      return html;
    })
    .join('');
}

/** Renders blocks as an HTML fragment. */
export function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${inlineHtml(b.content)}</h${b.level}>`;
        case 'paragraph':
          return `<p${b.styles.length ? ` class="${b.styles.join(' ')}"` : ''}>${inlineHtml(b.content)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>${b.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'table': {
          const head = b.header
            ? `<thead><tr>${b.header.map((c) => `<th>${inlineHtml(c)}</th>`).join('')}</tr></thead>`
            : '';
          const rows = b.rows.map((row) => `<tr>${row.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('');
          return `<table class="${b.style}">${head}<tbody>${rows}</tbody></table>`;
        }
        case 'rule':
          return '<hr>';
      }
    })
    .join('\n');
}

const STYLE = [
  'body{font:15px/1.5 Helvetica,Arial,sans-serif;color:#111;background:#eee;margin:0}',
  'main{background:#fff;max-width:8.5in;margin:1.5rem auto;padding:.75in .9in;box-shadow:0 1px 4px #0003}',
  'h1{font-size:1.35rem;margin:0 0 .2rem}h2{font-size:1.05rem;margin:1.4rem 0 .4rem}' +
    'h3{font-size:.95rem;margin:1rem 0 .3rem}',
  'p{margin:.45rem 0}p.right{text-align:right}p.small{font-size:.8rem}' +
    'p.muted{color:#555}p.signature{margin-top:2.2rem}p.alert{color:#b00020;font-weight:bold}',
  'p.quote{margin-left:1.5rem;font-style:italic}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0}' +
    'table.grid th,table.grid td{border:1px solid #999;padding:.3rem .45rem;vertical-align:top;text-align:left}',
  'table.grid th{background:#e8e8e8}table.kv td{padding:.05rem .6rem .05rem 0;vertical-align:top}' +
    'table.kv td:first-child{font-weight:bold;width:30%}',
  '.banner{max-width:8.5in;margin:1rem auto 0;padding:.5rem .9in;font-size:.85rem;color:#333}',
].join('\n');

const PREVIEW_POLICY =
  `default-src 'none'; style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'; ` +
  `img-src 'none'; base-uri 'none'; form-action 'none'`;

/** The Content-Security-Policy of preview pages: only our one inline style may load or run; no page may frame it. */
export const PREVIEW_CSP = `${PREVIEW_POLICY}; frame-ancestors 'none'`;

/** The same, for a preview shown inside a page of ours (the case file's letter preview): framed by this origin only. */
export const FRAMED_PREVIEW_CSP = `${PREVIEW_POLICY}; frame-ancestors 'self'`;

/**
 * A complete, self-contained HTML page around rendered blocks. Serve it with
 * `Content-Security-Policy: PREVIEW_CSP`.
 *
 * @param title - the page title (escaped here)
 * @param banner - a line above the page, e.g. "Draft preview: not yet generated" (escaped here)
 */
export function htmlPage(title: string, blocks: Block[], banner?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${banner ? `<div class="banner">${escapeHtml(banner)}</div>` : ''}<main>
${blocksToHtml(blocks)}
</main></body></html>`;
}
