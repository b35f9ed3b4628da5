import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams `source` to a new file at `target` (which must not exist), hashing it on the way, so a
 * file from outside is never held in memory and its SHA-256 is known the moment the last byte
 * lands. A stream that fails midway (client gone, limit hit) leaves no file.
 */
export async function writeHashed(source: Readable, target: string): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, fs.createWriteStream(target, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
  return { sha256: hash.digest('hex'), size };
}
