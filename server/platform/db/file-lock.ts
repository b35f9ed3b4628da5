import fs from 'node:fs/promises';
import path from 'node:path';
import { errorFields } from '../errors.js';

/** A lock file that holds no readable pid yet is being written: stale only once it is this old. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Runs `work` while this process holds `file`, a lock between processes on this machine (two
 * first starts of the service building FerretDB or starting the local database at once). The file
 * is created exclusively and holds the holder's pid; a process waiting for it breaks it when that
 * holder has died (a killed start), one breaker at a time, so a lock just taken is never removed.
 * @param waitMs - how long to wait for a live holder before giving up with an error
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, waitMs = 10 * 60_000): Promise<T> {
  await acquire(file, waitMs);
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}

async function acquire(file: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 500)) {
    if (await createExclusive(file)) return;
    if (await breakIfStale(file)) continue;
    if (Date.now() > deadline)
      throw new Error(`${path.basename(file)} is still held by process ${await holderOf(file)} after ${waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function createExclusive(file: string): Promise<boolean> {
  try {
    await fs.writeFile(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if (errorFields(err).code === 'EEXIST') return false;
    throw err;
  }
}

/** Removes `file` when its holder is dead; answers whether it is gone. */
async function breakIfStale(file: string): Promise<boolean> {
  if (!(await stale(file))) return false;
  // Only the breaker re-checks and removes: two breakers of one stale lock could otherwise see it
  // stale, and the second remove the lock the first one's waiter has just taken.
  const breaker = `${file}.break`;
  if (!(await createExclusive(breaker))) {
    if (await stale(breaker)) await fs.rm(breaker, { force: true });
    return false;
  }
  try {
    if (await stale(file)) await fs.rm(file, { force: true });
    return true;
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

async function stale(file: string): Promise<boolean> {
  const holder = await holderOf(file);
  if (holder === 'gone') return false;
  if (holder === null) {
    const stat = await fs.stat(file).catch(() => null);
    return stat !== null && Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS;
  }
  return !processAlive(holder);
}

/** The pid in the lock file; null while it is being written; 'gone' when there is no file. */
async function holderOf(file: string): Promise<number | null | 'gone'> {
  try {
    const pid = Number((await fs.readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (err) {
    if (errorFields(err).code === 'ENOENT') return 'gone';
    throw err;
  }
}

/** True while a process with this pid exists (EPERM: it exists but is another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorFields(err).code === 'EPERM';
  }
}
