/**
 * `npm run bench -- remittances`: how fast the 835 reader turns a remittance into claim records, and
 * whether its memory stays flat as the file grows. For generated files of 1,000 and 10,000 claims
 * (a quarter with denials), each in its own process so each peak RSS is its own:
 * - the floor: x12-parser alone splitting the file into segments, nothing done with them;
 * - the reader: readX12Remittance yielding every claim with its lines, envelope checked;
 * - a baseline process that loads the same code and reads nothing.
 * Not a test: nothing here passes or fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { X12parser } from 'x12-parser';
import { readX12Remittance } from '../../server/remittances/index.js';
import { writeRemittanceFile } from './remittance-file.js';

const SIZES = [1_000, 10_000];
const RUNS = 5;
type Kind = 'idle' | 'parser' | 'reader';

interface Measured {
  ms: number[];
  /** CPU time of each run (user + system): steadier than wall time on a shared machine. */
  cpuMs: number[];
  maxRssMb: number;
  /** Segments (parser) or claims (reader) read in one run. */
  count: number;
}

async function readOnce(kind: Kind, file: string): Promise<number> {
  let count = 0;
  if (kind === 'parser') {
    const parser = new X12parser('utf8');
    pipeline(fs.createReadStream(file), parser, () => undefined);
    for await (const _ of parser) count++;
  } else if (kind === 'reader') {
    for await (const item of readX12Remittance(file)) if (item.kind === 'claim') count++;
  }
  return count;
}

async function child(kind: Kind, file: string): Promise<void> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let count = await readOnce(kind, file); // warm-up: module loading and JIT are not what we measure
  for (let k = 0; k < (kind === 'idle' ? 1 : RUNS); k++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    count = await readOnce(kind, file);
    const used = process.cpuUsage(cpu);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const result: Measured = { ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, count };
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

function measure(kind: Kind, file: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', path.resolve('scripts/bench/remittances.ts'), '--child', kind, file];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measured)
        : reject(new Error(`${kind} measurement exited with ${code}`)),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Prints the remittance reader's figures (the `remittances` section of `npm run bench`). */
export async function bench(): Promise<void> {
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'overturn-bench-835-'));
  try {
    console.log(
      `\nRemittance reader — generated 835s (a quarter of claims with denials, 500 claims per ST), ` +
        `median of ${RUNS} runs after one warm-up, each row in its own process (Node ${process.version}, ` +
        `${os.cpus()[0]?.model ?? 'cpu'}).\n`,
    );
    console.log(
      `${'claims'.padStart(7)}  ${'measurement'.padEnd(30)}${'median ms'.padStart(10)}${'min'.padStart(9)}` +
        `${'CPU ms'.padStart(9)}${'claims/s'.padStart(10)}${'peak RSS MB'.padStart(13)}`,
    );
    const peaks: Record<number, number> = {};
    for (const claims of SIZES) {
      const file = path.join(tmp, `remittance-${claims}.835`);
      const bytes = await writeRemittanceFile(file, claims);
      const idle = await measure('idle', file);
      const parser = await measure('parser', file);
      const reader = await measure('reader', file);
      if (reader.count !== claims) throw new Error(`the reader yielded ${reader.count} claims of ${claims}`);
      const row = (label: string, m: Measured) =>
        `${String(claims).padStart(7)}  ${label.padEnd(30)}${median(m.ms).toFixed(1).padStart(10)}` +
        `${Math.min(...m.ms)
          .toFixed(1)
          .padStart(9)}${median(m.cpuMs).toFixed(0).padStart(9)}${Math.round(claims / (median(m.ms) / 1000))
          .toString()
          .padStart(10)}${m.maxRssMb.toFixed(0).padStart(13)}`;
      console.log(row(`x12-parser alone (${parser.count} seg.)`, parser));
      console.log(row('readX12Remittance', reader));
      console.log(
        `${String(claims).padStart(7)}  ${'baseline process'.padEnd(30)}${''.padStart(38)}` +
          `${idle.maxRssMb.toFixed(0).padStart(13)}`,
      );
      console.log(
        `${''.padStart(9)}file ${(bytes / 1024 / 1024).toFixed(1)} MB; reader / parser alone: ` +
          `${(median(reader.ms) / median(parser.ms)).toFixed(2)}× wall, ` +
          `${(median(reader.cpuMs) / median(parser.cpuMs)).toFixed(2)}× CPU; reader peak RSS above baseline ` +
          `${(reader.maxRssMb - idle.maxRssMb).toFixed(0)} MB`,
      );
      peaks[claims] = reader.maxRssMb;
    }
    const [small, large] = SIZES;
    console.log(
      `\nreader peak RSS ${large} vs ${small} claims: ${peaks[large].toFixed(0)} MB vs ` +
        `${peaks[small].toFixed(0)} MB (${(((peaks[large] - peaks[small]) / peaks[small]) * 100).toFixed(0)}%)`,
    );
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

// Run as `tsx scripts/bench/remittances.ts --child <kind> <file>`: one measurement in its own process.
const childIndex = process.argv.indexOf('--child');
if (childIndex > 0) await child(process.argv[childIndex + 1] as Kind, process.argv[childIndex + 2]);
