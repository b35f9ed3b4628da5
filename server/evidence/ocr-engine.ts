/**
 * Tesseract (tesseract.js, WebAssembly) reading one page image at a time. Its own worker thread
 * does the recognising, so the request thread only hands it pages. It is loaded on the first
 * scan and ended after a minute with nothing to read: it holds about 130 MB that an idle
 * service should not. The English data comes from the `@tesseract.js-data/eng` package on disk
 * and nothing is cached or fetched: without `langPath`, tesseract.js downloads it from a CDN.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Word, Worker } from 'tesseract.js';
import type { TextSpan } from './evidence.types.js';

/**
 * What OCR made of one page: its text (lines kept), `''` when nothing on it is readable,
 * Tesseract's mean word confidence, 0–100, and where its unsure words are in the text.
 */
export interface RecognizedPage {
  text: string;
  confidence: number;
  unsure: TextSpan[];
}

const require = createRequire(import.meta.url);
/** LSTM-only "best_int" data (2.9 MB): the model tesseract.js itself picks for its default engine. */
const LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
const IDLE_MS = 60_000;

let engine: Promise<Worker> | undefined;
let busy = 0;
let idleTimer: NodeJS.Timeout | undefined;

function start(): Promise<Worker> {
  engine ??= (async () => {
    const { createWorker, OEM } = await import('tesseract.js');
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      // 'none': no traineddata copy written to the working directory, none read from it.
      cacheMethod: 'none',
      // A failure inside the worker rejects the page's promise; nothing else to report here.
      errorHandler: () => {},
    });
    // Tesseract's own remarks ("Invalid resolution 40 dpi") would go to the service's stderr.
    await worker.setParameters({ debug_file: '/dev/null' });
    return worker;
  })().catch((err: unknown) => {
    engine = undefined;
    throw err;
  });
  return engine;
}

/** Ends the engine (idle, or a page that took too long); the next page starts a new one. */
export async function stopOcrEngine(): Promise<void> {
  const current = engine;
  engine = undefined;
  clearTimeout(idleTimer);
  if (current) await (await current).terminate().catch(() => {});
}

/**
 * A word a person could read: three letters or digits running, read with some certainty. On a
 * blank page's speckle Tesseract still finds a thousand "words", none of them such a word (in
 * the fixtures: the best were "Bl" and "it" at 60–63%, the real note's words 89–96%); a page
 * without one has no readable text.
 */
const isReadable = (word: Word) => word.confidence >= 60 && /[\p{L}\p{N}]{3}/u.test(word.text);

/**
 * A word Tesseract read with less confidence than this is unsure: a value whose words touch one
 * is not rated `high` (denial notices). A fax's misread words ("Osel" for "Osei") are on the page
 * as read and pass their rules; Tesseract's doubt is the only sign of them. Chosen on the notices
 * bench's scanned and faxed sets: the misread words that were rated `high` were read at 14–84%
 * (the last, "Heaith" in a payer's name, at 84%), so 85 is the lowest threshold that catches them
 * all; it costs 5 of 194 right `high` values on the scans, 19 of 189 and 21 of 179 on the faxes,
 * reason paragraphs most (a paragraph holds many words, one of them unsure). A misread
 * Tesseract was sure of ("Mantemayor", 91%) it cannot catch; the lowest confidence of a word's
 * letters caught nothing more.
 */
export const UNSURE_BELOW = 85;

/**
 * Where the words read with less confidence than `below` are in `text`: each word is looked for
 * from the end of the one before, as Tesseract writes the text from its words in order.
 */
export function unsureSpans(
  text: string,
  words: readonly Pick<Word, 'text' | 'confidence'>[],
  below = UNSURE_BELOW,
): TextSpan[] {
  const spans: TextSpan[] = [];
  let from = 0;
  for (const word of words) {
    const start = word.text ? text.indexOf(word.text, from) : -1;
    if (start < 0) continue;
    from = start + word.text.length;
    if (word.confidence < below) spans.push({ start, end: from });
  }
  return spans;
}

let line: Promise<unknown> = Promise.resolve();

/**
 * Reads the text of one page image (PNG or JPEG bytes), one page at a time in the process (the
 * engine reads one anyway; its time limit should not count the wait). Past `timeoutMs` the
 * engine is ended and `'time'` answered, so a pathological image cannot hold OCR up for every
 * other document.
 */
export function recognizePage(image: Uint8Array, timeoutMs: number): Promise<RecognizedPage | 'time'> {
  busy++;
  clearTimeout(idleTimer);
  const turn = line.then(() => recognizeNow(image, timeoutMs));
  line = turn.catch(() => {});
  return turn.finally(() => {
    if (--busy > 0) return;
    idleTimer = setTimeout(() => void stopOcrEngine(), IDLE_MS);
    idleTimer.unref();
  });
}

async function recognizeNow(image: Uint8Array, timeoutMs: number): Promise<RecognizedPage | 'time'> {
  const worker = await start();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'time'>((resolve) => {
    timer = setTimeout(() => resolve('time'), timeoutMs);
  });
  const read = worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { blocks: true });
  try {
    const outcome = await Promise.race([read, timedOut]);
    if (outcome !== 'time') {
      const { text, confidence, blocks } = outcome.data;
      const words = (blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
      const readable = words.some(isReadable) ? text.trim() : '';
      return { text: readable, confidence: Math.round(confidence), unsure: unsureSpans(readable, words) };
    }
    read.catch(() => {});
    await stopOcrEngine();
    return 'time';
  } finally {
    clearTimeout(timer);
  }
}
