/**
 * One arm of the packet bench, kept in its own process so that its peak memory (maxRSS) is its
 * own: `tsx scripts/bench/packets.ts --child <job.json>`. It prepares the arm, prints `ready`,
 * then answers each `run` line on stdin with one timing (a JSON line), and `end` with its peak
 * memory. The parent sends `run` to each arm in turn (A B C A B C…), so the machine's load falls
 * on every arm alike.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import PDFKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import supertest from 'supertest';
import mongoose from 'mongoose';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { connectDatabase } from '../../server/platform/db/connect.js';
import { FixedClock } from '../../server/platform/clock.js';
import { parseMarkup, type Block } from '../../server/platform/pdf/index.js';
import { assemblePacket } from '../../server/packets/packet-pdf.js';

export type ArmKind = 'idle' | 'packet' | 'assemble' | 'pdfkit' | 'pdf-lib';

export interface Job {
  kind: ArmKind;
  uri: string;
  uploadDir: string;
  caseId: string;
  token: string;
  letterMarkup: string;
  exhibitFiles: string[];
}

/** What an arm reports at `end`. */
export interface ArmMemory {
  maxRssMb: number;
  peakHeapMb: number;
}

const meta = { title: 'bench', author: 'bench', createdAt: new Date('2026-11-23T14:00:00Z') };

const textOf = (runs: { text: string }[]) => runs.map((r) => r.text).join('');

/**
 * The letter typeset by pdfkit alone: each block's text in a plain font, no project layout code.
 * The floor for the letter: what any PDF of the same text costs.
 */
function typesetBare(blocks: Block[]): Promise<Buffer> {
  const doc = new PDFKit({ size: 'LETTER', margin: 72, info: { Title: meta.title }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const block of blocks) {
    if (block.kind === 'heading') doc.font('Times-Bold').fontSize(13).text(textOf(block.content));
    else if (block.kind === 'paragraph') doc.font('Times-Roman').fontSize(11).text(textOf(block.content));
    else if (block.kind === 'list') block.items.forEach((item) => doc.text(`• ${textOf(item)}`, { indent: 12 }));
    else if (block.kind === 'table') block.rows.forEach((row) => doc.text(row.map(textOf).join('    ')));
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}

/** The exhibits merged by pdf-lib alone: every page copied into one file, which is saved. */
async function mergeBare(files: Buffer[]): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  for (const bytes of files) {
    const source = await PDFDocument.load(bytes);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return merged.save();
}

/** The service in this process, on the bench's database: a packet asked for as a client asks. */
async function servicePacket(job: Job) {
  const config = Object.freeze({
    ...loadConfig({ ...process.env, NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'error' }),
    uploadDir: job.uploadDir,
  });
  const logger = createLogger('error', true);
  await connectDatabase(job.uri, logger);
  const { app } = createApp({
    config,
    logger,
    clock: new FixedClock(new Date('2026-11-23T14:00:00Z'), config.clinic.timeZone),
  });
  // One server for all calls: a request's timing is the service's, not a new listener's.
  const http = supertest.agent(app.listen(0, '127.0.0.1'));
  return async () => {
    const res = await http
      .post(`/api/v1/cases/${job.caseId}/packets`)
      .set('Authorization', `Bearer ${job.token}`)
      .send({});
    if (res.status !== 201) throw new Error(`generation failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
}

/** Prepares the arm once; the function returned is one measured run. */
async function prepareArm(job: Job): Promise<() => Promise<unknown>> {
  const files = () => Promise.all(job.exhibitFiles.map((f) => fs.readFile(path.resolve(f))));
  switch (job.kind) {
    case 'idle':
      return async () => undefined;
    case 'packet':
      return servicePacket(job);
    case 'assemble': {
      const letter = parseMarkup(job.letterMarkup);
      const exhibits = (await files()).map((bytes, k) => ({
        title: `Clinical record ${k + 1}`,
        kind: 'progress_note',
        date: '2026-10-01',
        mediaType: 'application/pdf' as const,
        bytes,
      }));
      return () => assemblePacket({ reference: 'OVT-2026-00001', letter, exhibits, meta, fileId: 'ab' });
    }
    case 'pdfkit': {
      const blocks = parseMarkup(job.letterMarkup);
      return () => typesetBare(blocks);
    }
    case 'pdf-lib': {
      const bytes = await files();
      return () => mergeBare(bytes);
    }
  }
}

/** The child's side of the protocol described at the top of this file. */
export async function serveArm(job: Job): Promise<void> {
  let peakHeap = 0;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const sampler = setInterval(sample, 2);
  const once = await prepareArm(job);
  const say = (line: object | string) =>
    new Promise<void>((resolve) =>
      process.stdout.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`, () => resolve()),
    );
  await say('ready');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'run') {
      const start = process.hrtime.bigint();
      await once();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      sample();
      await say({ ms });
    } else if (line === 'end') break;
  }
  clearInterval(sampler);
  sample();
  const memory: ArmMemory = { maxRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 1024 / 1024 };
  await say(memory);
  if (mongoose.connection.readyState) await mongoose.disconnect();
  process.exit(0);
}
