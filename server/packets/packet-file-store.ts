/**
 * Packet PDFs on disk: `<uploadDir>/packets/<sha256>.pdf`, written under a temporary name and
 * renamed only when complete, so a reader never sees half a file and a crash leaves no file
 * under a real name. Content-addressed: two identical packets share one file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { removeStaleFiles } from '../platform/stale-files.js';

const SHA256 = /^[0-9a-f]{64}$/;
const TEMP_NAME = /^\.[0-9a-f-]{36}\.tmp$/;

export function packetFilePath(uploadDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('A packet file is named by its SHA-256');
  return path.join(uploadDir, 'packets', `${sha256}.pdf`);
}

/** Writes the bytes unless a file with the same hash exists; says whether it created one. */
export async function savePacketFile(uploadDir: string, sha256: string, bytes: Buffer): Promise<{ created: boolean }> {
  const final = packetFilePath(uploadDir, sha256);
  await fsp.mkdir(path.dirname(final), { recursive: true });
  if (await exists(final)) return { created: false };
  const temp = path.join(path.dirname(final), `.${crypto.randomUUID()}.tmp`); // matches TEMP_NAME
  try {
    const handle = await fsp.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, final);
    return { created: true };
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

/** Removes packet files a crash left half-written before `cutoff` (at start); answers how many. */
export function removeStalePacketTemps(uploadDir: string, cutoff: Date): Promise<number> {
  return removeStaleFiles(path.join(uploadDir, 'packets'), (name) => TEMP_NAME.test(name), cutoff);
}

export async function removePacketFile(uploadDir: string, sha256: string): Promise<void> {
  await fsp.rm(packetFilePath(uploadDir, sha256), { force: true });
}

export function openPacketFile(uploadDir: string, sha256: string): fs.ReadStream {
  return fs.createReadStream(packetFilePath(uploadDir, sha256));
}

export async function packetFileExists(uploadDir: string, sha256: string): Promise<boolean> {
  return exists(packetFilePath(uploadDir, sha256));
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}
