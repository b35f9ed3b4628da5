/* global console */
// `npm start`: runs the compiled service (no TypeScript compiler in the running process),
// building dist/ first when it is missing or older than any file under server/.
import { readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, STAMP } from './build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(
  newestChange(path.join(ROOT, 'server')),
  statSync(path.join(ROOT, 'tsconfig.json')).mtimeMs,
  statSync(path.join(ROOT, 'tsconfig.build.json')).mtimeMs,
);
if (builtAt() < sources) {
  console.error('Building dist/ (the sources changed since the last build)…');
  build();
}
process.setSourceMapsEnabled(true);
await import(path.join(ROOT, 'dist/server/index.js'));
