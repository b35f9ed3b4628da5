/**
 * `npm run bench -- packets`: how long a packet takes and how much memory it needs, for a 3-page letter
 * with 40 pages of exhibits, beside the two parts it is made of measured alone in the same
 * run: pdfkit typesetting the same letter, and pdf-lib merging the same 40 pages.
 *
 * The parent provisions a throwaway database (as the tests do), creates the case, uploads the
 * exhibits and attaches criteria through the API, then runs each measurement in a child
 * process so each peak RSS is that measurement's own. Not a test: nothing here passes or fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { FixedClock } from '../../server/platform/clock.js';
import { createUser } from '../../server/auth/index.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { runJob, type Job, type Result } from './measure.js';
import { benchCaseBody, benchGuidelines, exhibitPdf, EXHIBIT_FILES, PAGES_PER_EXHIBIT } from './bench-inputs.js';

const RUNS = 9;

async function child(jobFile: string): Promise<void> {
  const job = JSON.parse(await fs.readFile(jobFile, 'utf8')) as Job;
  const result = await runJob(job);
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

function runChild(jobFile: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('scripts/bench/packets.ts'), '--child', jobFile],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Result)
        : reject(new Error(`measurement exited with ${code}`)),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function prepare(tmp: string, config: Readonly<Config>, uri: string) {
  const uploadDir = config.uploadDir;
  const { app } = createApp({
    config,
    logger: createLogger('error', true),
    clock: new FixedClock(new Date('2026-11-23T14:00:00Z'), config.clinic.timeZone),
  });
  const http = supertest(app);
  // An admin: the one role that may both upload evidence and curate the guideline library.
  const { token } = await createUser({ name: 'Bench Admin', role: 'admin' });
  const auth = { Authorization: `Bearer ${token}` };
  const ok = (res: supertest.Response, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const created = ok(await http.post('/api/v1/cases').set(auth).send(benchCaseBody()), 'open case');
  const exhibitFiles: string[] = [];
  const documents: string[] = [];
  for (let n = 1; n <= EXHIBIT_FILES; n++) {
    const bytes = await exhibitPdf(n);
    const file = path.join(tmp, `exhibit-${n}.pdf`);
    await fs.writeFile(file, bytes);
    exhibitFiles.push(file);
    const doc = ok(
      await http
        .post(`/api/v1/cases/${created.id}/documents`)
        .set(auth)
        .attach('file', bytes, { filename: `record-${n}.pdf`, contentType: 'application/pdf' })
        .field('title', `Clinical record ${n}`)
        .field('kind', 'progress_note')
        .field('date', `2026-10-0${n}`),
      'upload',
    );
    documents.push(doc.id);
  }
  for (const [k, g] of benchGuidelines().entries()) {
    const guideline = ok(await http.post('/api/v1/guidelines').set(auth).send(g), 'guideline');
    const evidence = [
      {
        documentId: documents[k % documents.length],
        page: 1 + (k % PAGES_PER_EXHIBIT),
        quote: 'left L5 radiculopathy with progressive weakness despite conservative care',
      },
      {
        statement:
          'Six weeks of supervised physical therapy were completed before imaging, as the therapy notes document.',
      },
    ];
    ok(
      await http
        .post(`/api/v1/cases/${created.id}/criteria`)
        .set(auth)
        .send({ guidelineId: guideline.id, status: 'met', evidence }),
      'criterion',
    );
  }
  const first = ok(await http.post(`/api/v1/cases/${created.id}/packets`).set(auth).send({}), 'first packet');
  const stored = await PacketModel.findById(first.id).select('+letterMarkup').lean();
  return {
    job: {
      runs: RUNS,
      uri,
      uploadDir,
      caseId: created.id as string,
      token,
      letterMarkup: stored!.letterMarkup,
      exhibitFiles,
    },
    first,
  };
}

/** Prints the packet figures (the `packets` section of `npm run bench`). */
export async function bench(): Promise<void> {
  const started = Date.now();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-bench-'));
  const config = Object.freeze({
    ...loadConfig({ ...process.env, NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'error' }),
    uploadDir: path.join(tmp, 'uploads'),
  });
  const db = await openDatabase(config, createLogger('warn'), {
    dataDir: path.join(tmp, 'db'),
    dbName: `overturn_bench_${Date.now()}`,
  });
  try {
    const { job, first } = await prepare(tmp, config, db.uri);
    const results: Record<string, Result> = {};
    for (const kind of ['idle', 'packet', 'assemble', 'typeset', 'merge'] as const) {
      const file = path.join(tmp, `${kind}.json`);
      await fs.writeFile(file, JSON.stringify({ ...job, kind }));
      results[kind] = await runChild(file);
    }

    const exhibitPages = first.exhibits.reduce((s: number, e: { pageCount: number }) => s + e.pageCount, 0);
    console.log(
      `\nPacket benchmark — ${first.letterPages}-page letter, ${first.indexPages}-page ` +
        `enclosure index, ${exhibitPages} exhibit pages (${EXHIBIT_FILES} PDFs × ` +
        `${PAGES_PER_EXHIBIT} scanned pages) = ${first.pageCount} pages, ${Math.round(first.size / 1024)} ` +
        `KB`,
    );
    console.log(
      `Median of ${RUNS} runs after one warm-up; each row in its own process (Node ` +
        `${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}).\n`,
    );
    const row = (label: string, r: Result) =>
      `${label.padEnd(48)}${median(r.ms).toFixed(1).padStart(10)}${Math.min(...r.ms)
        .toFixed(1)
        .padStart(9)}${Math.max(...r.ms)
        .toFixed(1)
        .padStart(9)}${r.maxRssMb.toFixed(0).padStart(11)}${r.peakHeapMb.toFixed(0).padStart(11)}`;
    console.log(
      `${'measurement'.padEnd(48)}${'median ms'.padStart(10)}${'min'.padStart(9)}${'max'.padStart(9)}` +
        `${'peak RSS'.padStart(11)}${'peak heap'.padStart(11)}`,
    );
    console.log(
      `${''.padEnd(48)}${''.padStart(10)}${''.padStart(9)}${''.padStart(9)}${'MB'.padStart(11)}${'MB'.padStart(11)}`,
    );
    console.log(row('full packet: POST /cases/:id/packets', results.packet));
    console.log(row('  of which PDF assembly (no database, no HTTP)', results.assemble));
    console.log(row('(a) pdfkit alone: typeset the letter', results.typeset));
    console.log(row(`(b) pdf-lib alone: merge the ${exhibitPages} exhibit pages`, results.merge));
    console.log(row('baseline: a process that loads the same code', results.idle));
    const parts = median(results.typeset.ms) + median(results.merge.ms);
    console.log(
      `\nratio full packet / (a + b): ${(median(results.packet.ms) / parts).toFixed(2)}  ` +
        `(${median(results.packet.ms).toFixed(1)} ms vs ${parts.toFixed(1)} ms)`,
    );
    console.log(
      `ratio full packet / (a): ${(median(results.packet.ms) / median(results.typeset.ms)).toFixed(2)}; ` +
        `full packet / (b): ${(median(results.packet.ms) / median(results.merge.ms)).toFixed(2)}`,
    );
    console.log(
      `PDF assembly / (a + b): ${(median(results.assemble.ms) / parts).toFixed(2)}; ` +
        `the rest of the full packet is the API path (database reads and writes, ` +
        `audit, file write with fsync)`,
    );
    const above = (r: Result) => `${Math.max(0, r.maxRssMb - results.idle.maxRssMb).toFixed(0)} MB`;
    console.log(
      `peak RSS above the baseline process: packet ${above(results.packet)}, assembly ` +
        `${above(results.assemble)}, typeset ${above(results.typeset)}, merge ${above(results.merge)}`,
    );
    console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

// Run as `tsx scripts/bench/packets.ts --child <job.json>`: one measurement in its own process.
const childIndex = process.argv.indexOf('--child');
if (childIndex > 0) await child(process.argv[childIndex + 1]);
