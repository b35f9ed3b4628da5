/**
 * `npm run bench -- notices`: how well a denial notice's fields are read, field by field, on the
 * corpus in test/fixtures/denial-notices/ (fictional notices of 13 payers and programs, each with
 * its expected fields): the clean PDFs (text layer), where present their scans (`.scanned.pdf`,
 * read by OCR), and those scans as faxes arrive, G4 TIFFs in fine (204 × 196 dpi) and standard
 * (204 × 98 dpi) mode, made here from the scans' pages (test/support/fax-tiff.ts). For each field:
 * values expected, values found, precision and recall, and the precision of the values rated
 * `high`. `--notices-sets=clean,scanned,fax-fine,fax-standard` picks the sets (all by default).
 * Not a test: nothing here passes or fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTestConfig } from '../../server/config.js';
import { readNoticeText, readNotice, type NoticeReading } from '../../server/denial-notices/index.js';
import type { ExpectedFields } from '../../test/fixtures/denial-notices/notices.js';
import { faxTiff, scannedJpegs } from '../../test/support/fax-tiff.js';

const CORPUS = path.resolve('test/fixtures/denial-notices');

type Expected = ExpectedFields & { denialReason?: string };

/** Text compared as a reader would: case, spacing, and a hyphen wrapped at a line end do not count. */
const flat = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/(?<=\p{L})-\s+(?=\p{L})/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** One field as keys to compare: what was found (with its confidence) and what was expected. */
interface FieldScore {
  found: { key: string; high: boolean }[];
  expected: string[];
}

function scoreOf(reading: NoticeReading, expected: Expected): Record<string, FieldScore> {
  const f = reading.fields;
  const one = <T>(field: { value: T; confidence: string } | null, key: (v: T) => string, want: T | undefined) => ({
    found: field ? [{ key: key(field.value), high: field.confidence === 'high' }] : [],
    expected: want === undefined ? [] : [key(want)],
  });
  const many = <T>(fields: { value: T; confidence: string }[], key: (v: T) => string, want: T[]) => ({
    found: fields.map((x) => ({ key: key(x.value), high: x.confidence === 'high' })),
    expected: want.map(key),
  });
  const text = (v: string) => flat(v);
  const same = (v: string) => v;
  const json = (v: object) => JSON.stringify(v);
  return {
    payerName: one(f.payerName, text, expected.payerName),
    planHints: many(f.planHints, same, expected.planHints),
    memberId: one(f.memberId, same, expected.memberId),
    patientName: one(f.patientName, text, expected.patientName),
    dateOfBirth: one(f.dateOfBirth, same, expected.dateOfBirth),
    claimNumber: one(f.claimNumber, same, expected.claimNumber),
    authorizationNumber: one(f.authorizationNumber, same, expected.authorizationNumber),
    noticeDate: one(f.noticeDate, same, expected.noticeDate),
    datesOfService: many(f.datesOfService, same, expected.datesOfService),
    procedureCodes: many(f.procedureCodes, same, expected.procedureCodes),
    diagnosisCodes: many(f.diagnosisCodes, same, expected.diagnosisCodes),
    carcs: many(f.carcs, same, expected.carcs),
    rarcs: many(f.rarcs, same, expected.rarcs),
    denialReason: one(f.denialReason, text, expected.denialReason),
    appealDeadline: one(f.appealDeadline, json, expected.appealDeadline),
    appealsAddress: one(f.appealsAddress, text, expected.appealsAddress),
    appealsFax: one(f.appealsFax, same, expected.appealsFax),
    reviewer: one(f.reviewer, (v) => `${flat(v.name)}|${v.credentials.join(',')}`, expected.reviewer),
    criteria: many(f.criteria, (v) => `${v.kind}|${v.reference ?? ''}`, expected.criteria),
    peerToPeer: one(f.peerToPeer, (v) => v.phone ?? '', expected.peerToPeer),
    providerNpi: one(f.providerNpi, same, expected.providerNpi),
    automatedReview: {
      found: reading.automatedReview.flagged ? [{ key: 'yes', high: false }] : [],
      expected: expected.automatedReview ? ['yes'] : [],
    },
  };
}

interface Tally {
  expected: number;
  found: number;
  correct: number;
  high: number;
  highCorrect: number;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

const SETS = ['clean', 'scanned', 'fax-fine', 'fax-standard'] as const;
type NoticeSet = (typeof SETS)[number];

/** The notice `id` as the set has it: a PDF's path, or a fax made now from its scan's pages. */
async function noticeFile(set: NoticeSet, id: string): Promise<string | Buffer> {
  if (set === 'clean') return path.join(CORPUS, `${id}.pdf`);
  const scanned = path.join(CORPUS, `${id}.scanned.pdf`);
  if (set === 'scanned') return scanned;
  return faxTiff(await scannedJpegs(fs.readFileSync(scanned)), { mode: set === 'fax-fine' ? 'fine' : 'standard' });
}

async function measure(set: NoticeSet): Promise<void> {
  const config = loadTestConfig();
  const ids = fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace('.expected.json', ''));
  if (set !== 'clean' && !ids.every((id) => fs.existsSync(path.join(CORPUS, `${id}.scanned.pdf`)))) {
    console.log(`\n${set}: no scanned versions in ${CORPUS} (render-notices.ts --scanned makes them)`);
    return;
  }
  const tallies = new Map<string, Tally>();
  const misses: string[] = [];
  const started = process.hrtime.bigint();
  for (const id of ids) {
    const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, `${id}.expected.json`), 'utf8')) as Expected;
    const reading = readNotice((await readNoticeText(await noticeFile(set, id), config)).pages);
    for (const [field, score] of Object.entries(scoreOf(reading, expected))) {
      const t = tallies.get(field) ?? { expected: 0, found: 0, correct: 0, high: 0, highCorrect: 0 };
      t.expected += score.expected.length;
      t.found += score.found.length;
      for (const found of score.found) {
        const right = score.expected.includes(found.key);
        if (right) t.correct++;
        else misses.push(`${id} ${field}: found ${found.key}${found.high ? ' (high)' : ''}`);
        if (found.high) {
          t.high++;
          if (right) t.highCorrect++;
        }
      }
      for (const want of score.expected)
        if (!score.found.some((x) => x.key === want)) misses.push(`${id} ${field}: missed ${want}`);
      tallies.set(field, t);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`\n${set}: ${ids.length} notices, read and extracted in ${seconds.toFixed(1)} s`);
  const rows = [['field', 'expected', 'found', 'correct', 'precision', 'recall', 'high', 'high precision']];
  for (const [field, t] of tallies)
    rows.push([
      field,
      String(t.expected),
      String(t.found),
      String(t.correct),
      pct(t.correct, t.found),
      pct(t.correct, t.expected),
      String(t.high),
      pct(t.highCorrect, t.high),
    ]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows)
    console.log(row.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
  if (process.argv.includes('--misses')) for (const miss of misses) console.log(`  ${miss}`);
}

/** Prints the table for each set asked: the clean notices, their scans, the scans faxed. */
export async function bench(): Promise<void> {
  const option = process.argv.find((a) => a.startsWith('--notices-sets='));
  const asked = option ? option.slice('--notices-sets='.length).split(',') : [...SETS];
  const unknown = asked.filter((name) => !(SETS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown notice set ${unknown.join(', ')}; the sets are: ${SETS.join(', ')}`);
  console.log('Denial-notice fields on the corpus (pass --misses to list every wrong or missed value)');
  for (const set of SETS) if (asked.includes(set)) await measure(set);
}
