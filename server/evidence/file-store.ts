import crypto from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeStaleFiles } from '../platform/stale-files.js';

/**
 * Where evidence bytes live: `<uploadDir>/<sha256[0:2]>/<sha256>`, named by content so that
 * nothing a client sends (least of all a file name, which may hold a patient's name) ever
 * reaches the file system. Bytes are first written to `<uploadDir>/tmp/<random>` and moved
 * into place with a rename only once complete and checked, so a stored file is never partial.
 * The store keeps no state: every caller passes its root, the configured `uploadDir`.
 */

/** A file received completely into the temporary area, hashed as it was written. */
export interface TempFile {
  path: string;
  size: number;
  sha256: string;
}

export const tempDir = (root: string) => path.join(root, 'tmp');

/** Removes temporary files a crash left before `cutoff` (at start); answers how many. */
export const removeStaleTemps = (root: string, cutoff: Date) => removeStaleFiles(tempDir(root), () => true, cutoff);

/** A fresh temporary path; its name is random and says nothing about the upload. */
export async function newTempPath(root: string): Promise<string> {
  await fs.mkdir(tempDir(root), { recursive: true });
  return path.join(tempDir(root), crypto.randomBytes(16).toString('hex'));
}

/** The stored file of a content hash; refuses anything that is not a hex SHA-256. */
export function storedPath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** Removes a temporary file if it is still there; safe to call twice. */
export async function removeTemp(tempPath: string | undefined): Promise<void> {
  if (tempPath) await fs.rm(tempPath, { force: true });
}

/**
 * Moves a complete temporary file to its content-addressed place. When the same bytes are
 * already stored, the temporary copy is dropped instead.
 * @returns created - whether this call put the file there (and so may take it back on failure)
 */
export async function promote(root: string, file: TempFile): Promise<{ created: boolean }> {
  const target = storedPath(root, file.sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const exists = await fs.stat(target).then(
    (s) => s.size === file.size,
    () => false,
  );
  if (exists) {
    await removeTemp(file.path);
    return { created: false };
  }
  // rename is atomic within one file system, which tmp/ shares with the store by construction.
  await fs.rename(file.path, target);
  return { created: true };
}

/** Removes a stored file (only ever one this request created and nothing references). */
export async function discardStored(root: string, sha256: string): Promise<void> {
  await fs.rm(storedPath(root, sha256), { force: true });
}

/** Writes bytes already in memory (seeded or generated documents) to the temporary area. */
export async function writeTemp(root: string, bytes: Uint8Array): Promise<TempFile> {
  const tempPath = await newTempPath(root);
  await fs.writeFile(tempPath, bytes, { flag: 'wx' });
  return { path: tempPath, size: bytes.byteLength, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A second name in the temporary area for a file kept elsewhere under the same root (a hard link:
 * the same bytes on disk, not a copy), hashed as it is read; copied only where the file system
 * cannot link.
 */
export async function linkTemp(root: string, source: string): Promise<TempFile> {
  const tempPath = await newTempPath(root);
  await fs.link(source, tempPath).catch(async (err: unknown) => {
    if (!['EXDEV', 'EPERM', 'ENOTSUP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    await fs.copyFile(source, tempPath, fsConstants.COPYFILE_EXCL);
  });
  const bytes = await fs.readFile(tempPath);
  return { path: tempPath, size: bytes.byteLength, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
