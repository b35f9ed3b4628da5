import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { removeStaleFiles } from '../platform/stale-files.js';
import { writeHashed } from '../platform/hashed-write.js';

/**
 * Where imported remittances live: `<uploadDir>/imports/<sha256[0:2]>/<sha256>`, named by content
 * (like evidence, whose store exports no verb for this), so no file name a client sends (it may
 * hold a patient's name) reaches the file system. A file arrives as a temporary file in
 * `<uploadDir>/imports/`, hashed while it is written, and is renamed into place once kept, so a
 * stored file is never partial and a refused one leaves nothing.
 */
export const importFilePath = (uploadDir: string, sha256: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return path.join(uploadDir, 'imports', sha256.slice(0, 2), sha256);
};

/** A file received for import, still under its temporary name. */
export interface ReceivedImport {
  path: string;
  sha256: string;
  size: number;
}

const TEMP_PREFIX = '.tmp-';

/**
 * Writes the stream to a temporary file beside the stored imports, hashing it on the way, so
 * neither an upload nor a file given to the CLI is ever held in memory. A stream that fails midway
 * leaves no file.
 */
export async function writeImportTemp(uploadDir: string, source: Readable): Promise<ReceivedImport> {
  const dir = path.join(uploadDir, 'imports');
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${TEMP_PREFIX}${crypto.randomBytes(12).toString('hex')}`);
  return { path: temp, ...(await writeHashed(source, temp)) };
}

/** Moves a received file to its place by hash (the same bytes again simply replace themselves). */
export async function keepImportFile(uploadDir: string, received: ReceivedImport): Promise<string> {
  const target = importFilePath(uploadDir, received.sha256);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(received.path, target);
  return target;
}

/** Removes a temporary file, if it is still there (once kept, it has been renamed away). */
export async function discardImportTemp(temp: string | undefined): Promise<void> {
  if (temp) await fs.promises.rm(temp, { force: true });
}

/** The first bytes of a file, enough to tell its format. */
export async function headOf(file: string, bytes = 4096): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Removes the temporary files a crash left in `<uploadDir>/imports/` before `cutoff`; answers how many. */
export const removeStaleImportTemps = (uploadDir: string, cutoff: Date) =>
  removeStaleFiles(path.join(uploadDir, 'imports'), (name) => name.startsWith(TEMP_PREFIX), cutoff);
