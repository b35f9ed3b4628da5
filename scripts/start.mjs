/* global console */
// `npm start`: runs the compiled service (no TypeScript compiler in the running process),
// building dist/ first when it is missing or older than any file under server/. On Linux with
// glibc it runs the service in a child process started with the memory settings below, unless
// GLIBC_TUNABLES already sets glibc's malloc (then it runs in this process, as under a
// supervisor that sets them itself: see the README's production notes).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
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
const ENTRY = path.join(ROOT, 'dist/server/index.js');

/**
 * glibc raises its mmap threshold to the size of the largest block it has given back (up to
 * 32 MB): after one sign-in's 16 MB scrypt, freed memory stays with the process instead of
 * returning to the system, and RSS grows in steps. A fixed threshold keeps the default's 128 KB;
 * two arenas keep the threads (libuv's pool, workers) from each holding freed memory of their own.
 */
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072:glibc.malloc.arena_max=2';
/** V8's young generation: 2 MB semi-spaces instead of 16 MB; the service's requests allocate little each. */
const V8_FLAGS = ['--max-semi-space-size=2'];

const glibc = process.platform === 'linux' && Boolean(process.report?.getReport().header.glibcVersionRuntime);
if (!glibc || process.env.GLIBC_TUNABLES?.includes('glibc.malloc.')) {
  process.setSourceMapsEnabled(true);
  await import(ENTRY);
} else {
  const tunables = [process.env.GLIBC_TUNABLES, MALLOC_TUNABLES].filter(Boolean).join(':');
  const flags = process.env.NODE_OPTIONS?.includes('semi-space') ? [] : V8_FLAGS;
  // Its own process group: a terminal's Ctrl-C reaches this launcher only, which passes it on once.
  const service = spawn(process.execPath, [...flags, '--enable-source-maps', ENTRY], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, GLIBC_TUNABLES: tunables },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => service.kill(signal));
  service.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
}
