/* global console */
// Compiles the service to dist/ with tsc and copies the page views and static files beside it, so
// the running service is plain JavaScript: `npm run build`, and `npm start` when dist/ is stale.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, '.built');

/** Builds dist/ from scratch (a file deleted from server/ must not live on in dist/). */
export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('dist/ is missing or older than server/, and TypeScript is not installed: run `npm run build`');
  }
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const dir of ['views', 'public'])
    cpSync(path.join(ROOT, 'server/web', dir), path.join(DIST, 'server/web', dir), { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build();
  console.log('Built dist/.');
}
