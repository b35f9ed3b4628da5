import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import supertest from 'supertest';
import PDFDocument from 'pdfkit';
import { expect } from 'chai';
import { createApp } from '../../server/app.js';
import { loadTestConfig, type Config } from '../../server/config.js';
import { FixedClock } from '../../server/platform/clock.js';
import { silentLogger, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** The app with the test configuration, optionally with smaller upload limits. */
export function evidenceApp(overrides: Partial<Config> = {}) {
  const config = loadTestConfig(overrides);
  const clock = new FixedClock(new Date('2026-11-23T14:00:00Z'), config.clinic.timeZone);
  const { app } = createApp({ config, logger: silentLogger, clock });
  return { app, http: supertest(app), clock, config };
}

export type Http = ReturnType<typeof supertest>;

/** Opens a realistic lumbar-MRI denial as `user` and returns its id. */
export async function openCase(
  http: Http,
  user: Pick<TestUser, 'auth'>,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await http.post('/api/v1/cases').set(user.auth).send(caseBody(overrides));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

/** A real PDF made with pdfkit: one entry per page, each page's paragraphs. */
export function notePdf(pages: string[][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      autoFirstPage: false,
      info: { CreationDate: new Date('2026-10-01T00:00:00Z') },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const paragraphs of pages) {
      doc.addPage();
      for (const p of paragraphs) doc.fontSize(11).text(p, { width: 460 }).moveDown();
    }
    doc.end();
  });
}

export const PROGRESS_NOTE = [
  [
    'Progress note, Physical Medicine & Rehabilitation',
    'Low back pain radiating to the left leg for 10 weeks. Completed 8 weeks ' +
      'of supervised physical therapy and a course of naproxen without improvement.',
  ],
  [
    'Examination: straight-leg raise positive at 30 degrees on the left; diminished left ankle reflex.',
    'Plan: MRI lumbar spine without contrast to evaluate for L5-S1 disc herniation before epidural steroid injection.',
  ],
];

export async function fixture(name: string): Promise<Buffer> {
  return fs.readFile(new URL(`../fixtures/evidence/${name}`, import.meta.url));
}

export interface UploadOptions {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
  title?: string;
  kind?: string;
  date?: string;
}

/** A multipart upload as a browser form would send it. */
export function upload(http: Http, caseId: string, user: Pick<TestUser, 'auth'>, o: UploadOptions) {
  const req = http.post(`/api/v1/cases/${caseId}/documents`).set(user.auth);
  if (o.title !== undefined) req.field('title', o.title);
  if (o.kind !== undefined) req.field('kind', o.kind);
  if (o.date !== undefined) req.field('date', o.date);
  return req.attach('file', o.bytes, {
    filename: o.filename ?? 'note.pdf',
    contentType: o.contentType ?? 'application/pdf',
  });
}

export const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Every file below `dir`, as paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Polls `check` until it holds, failing after a bounded number of tries (no fixed sleeps). */
export async function waitFor(check: () => Promise<boolean>, what: string, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect.fail(`timed out waiting for ${what}`);
}

export interface RawPart {
  name: string;
  value?: string;
  file?: { filename: string; contentType?: string; bytes: Buffer };
}

/** A multipart/form-data body written byte for byte, so a test controls exactly what the server receives. */
export function multipartBody(parts: RawPart[], boundary = `----overturn${crypto.randomBytes(8).toString('hex')}`) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; ` +
            `filename="${part.file.filename}"\r\nContent-Type: ` +
            `${part.file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
          'utf8',
        ),
        part.file.bytes,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
          'utf8',
        ),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The usual fields of a valid upload. */
export const NOTE_FIELDS: RawPart[] = [
  { name: 'title', value: 'Progress note' },
  { name: 'kind', value: 'progress_note' },
  { name: 'date', value: '2026-10-01' },
];

/** Reads a binary response body as a Buffer (supertest's parser for `.parse(binary)`). */
export function binary(res: unknown, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
