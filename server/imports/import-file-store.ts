import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where imported remittances live: `<uploadDir>/imports/<sha256[0:2]>/<sha256>`, named by content
 * (like evidence, whose store exports no verb for this), so no file name a client sends (it may
 * hold a patient's name) reaches the file system. Written to a random temporary name first and
 * renamed into place, so a stored file is never partial.
 */
export const importFilePath = (uploadDir: string, sha256: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return path.join(uploadDir, 'imports', sha256.slice(0, 2), sha256);
};

/** The SHA-256 of the bytes, in hex. */
export const sha256Of = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Stores the bytes under their hash (once: the same bytes again are left as they are). */
export async function storeImportFile(uploadDir: string, bytes: Buffer, sha256: string): Promise<string> {
  const target = importFilePath(uploadDir, sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.tmp-${crypto.randomBytes(8).toString('hex')}`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
  return target;
}
