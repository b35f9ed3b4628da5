/**
 * Text notes cut into pages. Pure, so that the text-extraction worker can use it without the
 * rest of the evidence domain.
 */

/**
 * How a text note is cut into pages when it has no form feeds: about one printed page of
 * 50 lines of 90 characters, so "p. 2" of a text note means roughly what it would on paper.
 */
export const TEXT_PAGE_LINES = 50;
export const TEXT_PAGE_COLUMNS = 90;

/** The text of a UTF-8 file with its byte-order mark dropped and line endings made uniform. */
export function decodeText(bytes: Buffer): string {
  return new TextDecoder('utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
}

/** Pages of a text note: form feeds break pages; otherwise every `TEXT_PAGE_LINES` printed lines. */
export function splitTextPages(text: string): string[] {
  const pages: string[] = [];
  const pageChars = TEXT_PAGE_LINES * TEXT_PAGE_COLUMNS;
  for (const section of text.split('\f')) {
    let page: string[] = [];
    let used = 0;
    const flush = () => {
      if (page.join('').trim()) pages.push(page.join('\n').replace(/\s+$/, ''));
      page = [];
      used = 0;
    };
    for (const line of section.split('\n')) {
      // A line longer than a page (a file with no line breaks) is cut into page-sized pieces.
      for (let start = 0; start === 0 || start < line.length; start += pageChars) {
        const piece = line.slice(start, start + pageChars);
        const rows = Math.max(1, Math.ceil(piece.length / TEXT_PAGE_COLUMNS));
        if (used + rows > TEXT_PAGE_LINES) flush();
        page.push(piece);
        used += rows;
      }
    }
    flush();
  }
  return pages;
}
