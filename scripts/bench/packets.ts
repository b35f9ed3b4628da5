/**
 * `npm run bench -- packets [--packet-cases=1000]`: how long a packet takes and how much memory
 * it needs, for a 3-page letter with 40 pages of exhibits, beside its floor measured in the same
 * run: pdfkit alone typesetting the same letter's text and pdf-lib alone merging the same 40
 * pages (the bare libraries, not the project's wrappers), and the project's own assembly without
 * database or HTTP between the two.
 *
 * The parent provisions a throwaway database (as the tests do), creates the case, uploads the
 * exhibits and attaches criteria through the API, then grows the database to a stated size:
 * copies of that case under their own ids, each with a packet, since the packet path reads
 * cases and packets whose cost grows with their number. Each arm runs in a process of its own,
 * so each peak RSS is that arm's own, and the arms take turns (A B C D A B C D…, the order
 * rotated each round), so the machine's load falls on all alike. Not a test: nothing here
 * passes or fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { FixedClock } from '../../server/platform/clock.js';
import { createUser } from '../../server/auth/index.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { serveArm, type ArmKind, type ArmMemory, type Job } from './measure.js';
import { compiledServiceUnderLoad, CONCURRENT_PACKETS } from './service-load.js';
import { benchCaseBody, benchGuidelines, exhibitPdf, EXHIBIT_FILES, PAGES_PER_EXHIBIT } from './bench-inputs.js';

const RUNS = 9;
/** The compiled service(s) loaded with packets: `npm start` by default, or builds to compare (`--services=a,b`). */
const SERVICES = (process.argv.find((a) => a.startsWith('--services='))?.split('=')[1] ?? '')
  .split(',')
  .filter(Boolean);
/** Only the compiled service's figures (twenty at once, the list under load), without the interleaved arms. */
const SERVICE_ONLY = process.argv.includes('--service-only');
const CASES = Number(process.argv.find((a) => a.startsWith('--packet-cases='))?.split('=')[1] ?? 1000);

/** An arm's process: `run()` is one timed run in it, `end()` its peak memory. */
interface Arm {
  run: () => Promise<number>;
  end: () => Promise<ArmMemory>;
}

async function startArm(jobFile: string): Promise<Arm> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('scripts/bench/packets.ts'), '--child', jobFile],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`arm ${jobFile} exited with ${proc.exitCode}`);
    return value as string;
  };
  if ((await next()) !== 'ready') throw new Error(`arm ${jobFile} did not start`);
  return {
    run: async () => {
      proc.stdin!.write('run\n');
      return (JSON.parse(await next()) as { ms: number }).ms;
    },
    end: async () => {
      proc.stdin!.write('end\n');
      return JSON.parse(await next()) as ArmMemory;
    },
  };
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

/**
 * Grows the database to `cases` cases, each but the first a copy of it under its own id and
 * reference with one packet (a copy of the first packet's record): the sizes the packet path reads.
 */
async function grow(
  caseId: string,
  packetId: string,
  cases: number,
): Promise<{ packets: number; loadCases: string[] }> {
  const caseDocs = mongoose.connection.collection('cases');
  const packetDocs = mongoose.connection.collection('packets');
  const { _id: _case, ...caseFields } = (await caseDocs.findOne({ _id: new mongoose.Types.ObjectId(caseId) }))!;
  const { _id: _packet, ...packetFields } = (await packetDocs.findOne({ _id: new mongoose.Types.ObjectId(packetId) }))!;
  for (let n = 1; n < cases; n += 500) {
    const batch = Array.from({ length: Math.min(500, cases - n) }, (_, k) => ({
      ...caseFields,
      _id: new mongoose.Types.ObjectId(),
      reference: `OVT-BENCH-${String(n + k).padStart(6, '0')}`,
    }));
    await caseDocs.insertMany(batch);
    await packetDocs.insertMany(
      batch.map((c) => ({
        ...packetFields,
        _id: new mongoose.Types.ObjectId(),
        caseId: c._id,
        reference: c.reference,
      })),
    );
  }
  return { packets: await packetDocs.countDocuments(), loadCases: await withExhibits(caseId, CONCURRENT_PACKETS) };
}

/**
 * `count` of the copies get the first case's exhibits (their document records; the files are
 * stored by hash, once): packets asked for at once are for different cases, as in a clinic, since
 * one case's versions are numbered one at a time.
 */
async function withExhibits(caseId: string, count: number): Promise<string[]> {
  const documents = mongoose.connection.collection('evidence_documents');
  const originals = await documents.find({ caseId: new mongoose.Types.ObjectId(caseId) }).toArray();
  const copies = await mongoose.connection
    .collection('cases')
    .find({ reference: { $regex: /^OVT-BENCH-/ } }, { projection: { _id: 1 } })
    .limit(count)
    .toArray();
  for (const c of copies)
    await documents.insertMany(
      originals.map(({ _id, ...d }) => ({ ...d, _id: new mongoose.Types.ObjectId(), caseId: c._id })),
    );
  return copies.map((c) => String(c._id));
}

/** Starts the arm `kind` on `job` in a process of its own. */
async function armOf(tmp: string, job: Omit<Job, 'kind'>, kind: ArmKind): Promise<Arm> {
  const file = path.join(tmp, `${kind}.json`);
  await fs.writeFile(file, JSON.stringify({ ...job, kind } satisfies Job));
  return startArm(file);
}

const ARMS: { kind: ArmKind; label: string }[] = [
  { kind: 'packet', label: 'full packet: POST /cases/:id/packets' },
  { kind: 'assemble', label: '  of which PDF assembly (no database, no HTTP)' },
  { kind: 'pdfkit', label: '(a) pdfkit alone: typeset the letter text' },
  { kind: 'pdf-lib', label: '(b) pdf-lib alone: copy the exhibit pages' },
  { kind: 'idle', label: 'baseline: an arm process that does nothing' },
];

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
    const { packets, loadCases } = await grow(job.caseId, first.id, CASES);
    if (SERVICE_ONLY) return await compiledServiceUnderLoad(SERVICES, { ...job, loadCases });
    const arms: Record<string, Arm> = {};
    for (const { kind } of ARMS) arms[kind] = await armOf(tmp, job, kind);
    const ms: Record<string, number[]> = Object.fromEntries(ARMS.map((a) => [a.kind, []]));
    // One warm-up each (module loading and JIT are not what is measured), then the rounds, each
    // starting one arm further on, so no arm always runs right after the same neighbour.
    for (const { kind } of ARMS) await arms[kind].run();
    for (let round = 0; round < RUNS; round++)
      for (let k = 0; k < ARMS.length; k++) {
        const { kind } = ARMS[(round + k) % ARMS.length];
        ms[kind].push(await arms[kind].run());
      }
    const memory: Record<string, ArmMemory> = {};
    for (const { kind } of ARMS) memory[kind] = await arms[kind].end();

    const exhibitPages = first.exhibits.reduce((s: number, e: { pageCount: number }) => s + e.pageCount, 0);
    console.log(
      `\nPacket benchmark — ${first.letterPages}-page letter, ${first.indexPages}-page ` +
        `enclosure index, ${exhibitPages} exhibit pages (${EXHIBIT_FILES} PDFs × ` +
        `${PAGES_PER_EXHIBIT} scanned pages) = ${first.pageCount} pages, ${Math.round(first.size / 1024)} KB`,
    );
    console.log(
      `Database: ${db.kind}, ${CASES} cases, ${packets} packets. Median of ${RUNS} runs per arm after one ` +
        `warm-up, arms interleaved, each in its own process (Node ${process.version}, ${os.cpus().length} × ` +
        `${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}).\n`,
    );
    const cols = (label: string, values: string[]) =>
      `${label.padEnd(48)}${values.map((v) => v.padStart(10)).join('')}`;
    console.log(cols('measurement', ['median ms', 'min', 'max', 'peak RSS', 'peak heap']));
    console.log(cols('', ['', '', '', 'MB', 'MB']));
    for (const { kind, label } of ARMS)
      console.log(
        cols(label, [
          ...[median(ms[kind]), Math.min(...ms[kind]), Math.max(...ms[kind])].map((x) => x.toFixed(1)),
          memory[kind].maxRssMb.toFixed(0),
          memory[kind].peakHeapMb.toFixed(0),
        ]),
      );
    const m = (kind: ArmKind) => median(ms[kind]);
    const floor = m('pdfkit') + m('pdf-lib');
    console.log(
      `\nfull packet / floor (a + b): ${(m('packet') / floor).toFixed(2)} (${m('packet').toFixed(1)} ms vs ` +
        `${floor.toFixed(1)} ms); PDF assembly / floor: ${(m('assemble') / floor).toFixed(2)}; the rest of the ` +
        `full packet is the API path (database reads and writes, audit, file write with fsync)`,
    );
    const above = (kind: ArmKind) => `${Math.max(0, memory[kind].maxRssMb - memory.idle.maxRssMb).toFixed(0)} MB`;
    console.log(
      `peak RSS above the idle arm: packet ${above('packet')}, assembly ${above('assemble')}, ` +
        `pdfkit ${above('pdfkit')}, pdf-lib ${above('pdf-lib')}`,
    );
    await compiledServiceUnderLoad(SERVICES, { ...job, loadCases }, memory.idle.maxRssMb);
    console.log(`\npacket bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (mongoose.connection.db) await mongoose.connection.db.dropDatabase();
    await db.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

// Run as `tsx scripts/bench/packets.ts --child <job.json>`: one arm in its own process.
const childIndex = process.argv.indexOf('--child');
if (childIndex > 0) await serveArm(JSON.parse(await fs.readFile(process.argv[childIndex + 1], 'utf8')) as Job);
