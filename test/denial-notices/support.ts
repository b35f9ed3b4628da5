import fs from 'node:fs';
import path from 'node:path';
import type { ExpectedFields } from '../fixtures/denial-notices/notices.js';

const CORPUS = path.resolve('test/fixtures/denial-notices');

/** A notice of the corpus: its clean PDF's bytes and the fields it is expected to give. */
export function corpusNotice(id: string): { pdf: Buffer; expected: ExpectedFields & { denialReason?: string } } {
  return {
    pdf: fs.readFileSync(path.join(CORPUS, `${id}.pdf`)),
    expected: JSON.parse(fs.readFileSync(path.join(CORPUS, `${id}.expected.json`), 'utf8')),
  };
}
