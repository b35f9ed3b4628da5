/**
 * `npm run bench -- ocr`: OCR of a one-page 300 dpi scan (JPEG) and of a 10-page scanned PDF
 * through the service's path (`readDocumentText`: a pool worker draws the page and takes the
 * speckle out, tesseract.js reads it), beside tesseract.js alone on the same images, in the same
 * run. Each arm runs in a child process of its own, so its peak RSS is its own; the figures are
 * time per page, the CPU time of every thread of the process per page (less swayed by other work
 * on the machine than the clock), that peak (sampled every 20 ms), what the reading added to the
 * process (the peak less the RSS once the arm's modules were loaded: the service's own modules are
 * in a clinic's process anyway), and the load average of the minute before the arm ended, since
 * the machine may be shared. Not a test: nothing passes or fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const LETTER = [
  'Letter of medical necessity - lumbar MRI without contrast',
  'The patient is a 54-year-old with low back pain radiating to the left leg for ten',
  'weeks, with numbness over the dorsum of the foot and a diminished ankle reflex.',
  'She completed eight weeks of supervised physical therapy, a home exercise program',
  'and a course of naproxen 500 mg twice daily without improvement. Straight-leg raise',
  'is positive at 30 degrees. Imaging is needed to plan an epidural steroid injection',
  'at L5-S1. Red flags were screened: no saddle anesthesia, no bowel or bladder change.',
];
const PAGES = 10;
/** Runs of each arm, interleaved (service, alone, alone, service, …): a load that comes and goes weighs on both. */
const RUNS = 3;
const LOOK = { dpi: 300, angle: 1.5, noise: 0.002, seed: 11 };

type Arm = 'service' | 'tesseract';
interface Figures {
  pages: number;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  addedRssMb: number;
  /** Characters read, so that a page given up (the service's time limit) shows as a short count, not as speed. */
  chars: number;
}

/** What an arm read. */
interface Read {
  pages: number;
  chars: number;
}

export async function bench(): Promise<void> {
  // Only this process makes the scans: a child that loaded pdf.js, the canvas and pdfkit would
  // add them to both arms' peaks.
  const { typedPdf, scanPages, scannedPdf } = await import('../../test/fixtures/evidence/make-scans.js');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-ocr-bench-'));
  try {
    const pages = await scanPages(await typedPdf(Array.from({ length: PAGES }, () => LETTER)), LOOK);
    const inputs = {
      'one-page scan (JPEG, 300 dpi)': [await write(dir, 'page.jpg', pages[0])],
      [`${PAGES}-page scanned PDF (300 dpi)`]: [await write(dir, 'scan.pdf', await scannedPdf(pages, LOOK.dpi))],
    };
    // tesseract.js alone reads the same images the PDF was bound from.
    const images = await Promise.all(pages.map((p, i) => write(dir, `page-${i + 1}.jpg`, p)));
    console.log(
      `cpus ${os.cpus().length}; ${RUNS} runs per arm, interleaved, each in a child process; ` +
        `letter pages, ${LOOK.dpi} dpi`,
    );
    console.log(
      'input                              arm                 pages   ms/page  CPU ms/page  peak RSS MB  ' +
        'added MB  chars  load',
    );
    for (const [name, files] of Object.entries(inputs)) {
      const alone = files[0].endsWith('.pdf') ? images : files;
      const pair: [Arm, string[]][] = [
        ['service', files],
        ['tesseract', alone],
      ];
      const order = Array.from({ length: RUNS }, (_, run) => (run % 2 ? [...pair].reverse() : pair)).flat();
      for (const [arm, args] of order) {
        const f = await child(arm, args);
        const label = arm === 'service' ? 'readDocumentText' : 'tesseract.js alone';
        const perPage = (ms: number) => (ms / f.pages).toFixed(0);
        console.log(
          `${name.padEnd(34)} ${label.padEnd(19)} ${String(f.pages).padStart(5)} ` +
            `${perPage(f.ms).padStart(9)} ${perPage(f.cpuMs).padStart(12)} ${f.peakRssMb.toFixed(0).padStart(12)} ` +
            `${f.addedRssMb.toFixed(0).padStart(9)} ${String(f.chars).padStart(6)} ` +
            `${os.loadavg()[0].toFixed(1).padStart(5)}`,
        );
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function write(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

function child(arm: Arm, files: string[]): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('scripts/bench/ocr.ts'), '--child', arm, ...files],
      // A page is read within TEXT_MAX_SECONDS (60 s); on a shared machine it may take longer and
      // come back empty, which would be timed as fast: the bench gives it an hour.
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TEXT_MAX_SECONDS: '3600' } },
    );
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${arm}: exit ${code}`)),
    );
  });
}

/** In the child: reads the files by one arm and prints its figures as a JSON line. */
async function runArm(arm: Arm, files: string[]): Promise<Figures> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  // Each arm's modules are loaded before the clocks start: the figures are the reading, not the
  // loading of the service's modules (which tsx compiles as it goes; a clinic runs them compiled).
  const read = arm === 'service' ? await serviceReader() : await tesseractReader();
  const loadedRss = process.memoryUsage.rss();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { pages, chars } = await read(files);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const cpuMs = (user + system) / 1000;
  return { pages, ms, cpuMs, peakRssMb: mb(peak), addedRssMb: mb(peak - loadedRss), chars };
}

async function serviceReader(): Promise<(files: string[]) => Promise<Read>> {
  const { loadConfig } = await import('../../server/config.js');
  const { readDocumentText } = await import('../../server/evidence/index.js');
  const config = loadConfig();
  return async (files) => {
    const read = { pages: 0, chars: 0 };
    for (const file of files) {
      const { pages } = await readDocumentText(file, config);
      read.pages += pages.length;
      read.chars += pages.reduce((sum, page) => sum + page.text.length, 0);
    }
    return read;
  };
}

async function tesseractReader(): Promise<(files: string[]) => Promise<Read>> {
  const { createWorker } = await import('tesseract.js');
  const require = createRequire(import.meta.url);
  const langPath = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  return async (files) => {
    const worker = await createWorker('eng', 1, { langPath, cacheMethod: 'none' });
    let chars = 0;
    for (const file of files) chars += (await worker.recognize(file)).data.text.trim().length;
    await worker.terminate();
    return { pages: files.length, chars };
  };
}

const at = process.argv.indexOf('--child');
if (at !== -1) {
  const figures = await runArm(process.argv[at + 1] as Arm, process.argv.slice(at + 2));
  console.log(JSON.stringify(figures));
  process.exit(0);
}
