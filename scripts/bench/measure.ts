/**
 * One measurement, run in its own process so that its peak memory (maxRSS) is its own:
 * `tsx scripts/bench/packets.ts --child <job.json>`. Prints one JSON line with the timings.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { connectDatabase } from '../../server/platform/db/connect.js';
import { FixedClock } from '../../server/platform/clock.js';
import {
  createPdf,
  renderPdf,
  drawBlocks,
  parseMarkup,
  createMergedPdf,
  loadPdf,
  appendFitted,
  saveMergedPdf,
} from '../../server/platform/pdf/index.js';
import mongoose from 'mongoose';
import { assemblePacket } from '../../server/packets/packet-pdf.js';

export interface Job {
  kind: 'idle' | 'packet' | 'assemble' | 'typeset' | 'merge';
  runs: number;
  uri: string;
  uploadDir: string;
  caseId: string;
  token: string;
  letterMarkup: string;
  exhibitFiles: string[];
}

export interface Result {
  kind: Job['kind'];
  ms: number[];
  maxRssMb: number;
  peakHeapMb: number;
  detail?: Record<string, unknown>;
}

let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

async function timed(runs: number, fn: () => Promise<void>): Promise<number[]> {
  await fn(); // warm-up: module loading and JIT are not what we measure
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    sample();
  }
  return ms;
}

export async function runJob(job: Job): Promise<Result> {
  const sampler = setInterval(sample, 2);
  let ms: number[] = [];
  let detail: Record<string, unknown> | undefined;
  const meta = { title: 'bench', author: 'bench', createdAt: new Date('2026-11-23T14:00:00Z') };
  switch (job.kind) {
    case 'idle':
      ms = [0];
      break;
    case 'packet': {
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
      const http = supertest(app);
      ms = await timed(job.runs, async () => {
        const res = await http
          .post(`/api/v1/cases/${job.caseId}/packets`)
          .set('Authorization', `Bearer ${job.token}`)
          .send({});
        if (res.status !== 201) throw new Error(`generation failed: ${res.status} ${JSON.stringify(res.body)}`);
        detail = {
          pageCount: res.body.pageCount,
          letterPages: res.body.letterPages,
          indexPages: res.body.indexPages,
          exhibitPages: res.body.exhibits.reduce((s: number, e: { pageCount: number }) => s + e.pageCount, 0),
          sizeKb: Math.round(res.body.size / 1024),
        };
      });
      await mongoose.disconnect();
      break;
    }
    case 'assemble': {
      const letter = parseMarkup(job.letterMarkup);
      const files = await Promise.all(job.exhibitFiles.map((f) => fs.readFile(path.resolve(f))));
      const exhibits = files.map((bytes, k) => ({
        title: `Clinical record ${k + 1}`,
        kind: 'progress_note',
        date: '2026-10-01',
        mediaType: 'application/pdf' as const,
        bytes,
      }));
      ms = await timed(job.runs, async () => {
        await assemblePacket({ reference: 'OVT-2026-00001', letter, exhibits, meta, fileId: 'ab' });
      });
      break;
    }
    case 'typeset': {
      const blocks = parseMarkup(job.letterMarkup);
      ms = await timed(job.runs, async () => {
        const doc = createPdf(meta);
        drawBlocks(doc, blocks);
        await renderPdf(doc);
      });
      break;
    }
    case 'merge': {
      const files = await Promise.all(job.exhibitFiles.map((f) => fs.readFile(path.resolve(f))));
      ms = await timed(job.runs, async () => {
        const merged = await createMergedPdf(meta);
        for (const [k, bytes] of files.entries()) await appendFitted(merged, await loadPdf(bytes, k));
        await saveMergedPdf(merged, 'ab');
      });
      break;
    }
  }
  clearInterval(sampler);
  sample();
  return {
    kind: job.kind,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
    detail,
  };
}
