import type { Readable } from 'node:stream';
import type { StorageEngine } from 'multer';
import { newTempPath, removeTemp, type TempFile } from './file-store.js';
import { writeHashed } from '../platform/hashed-write.js';

/**
 * A multer storage engine that streams each file part to a random temporary name while
 * hashing it, so nothing is held in memory and the SHA-256 is known the moment the last byte
 * lands. If the part ends early (client gone, limit hit, malformed body) the partial file is
 * removed here, whatever multer does next.
 */
export function tempFileStorage(root: string): StorageEngine {
  return {
    _handleFile(_req, file, cb) {
      receive(root, file.stream).then(
        // multer copies these fields, the hash included, onto `req.file`.
        (received) => cb(null, received),
        (err: unknown) => cb(err),
      );
    },
    _removeFile(_req, file, cb) {
      removeTemp(file.path).then(() => cb(null), cb);
    },
  };
}

async function receive(root: string, stream: Readable): Promise<TempFile> {
  const tempPath = await newTempPath(root);
  return { path: tempPath, ...(await writeHashed(stream, tempPath)) };
}
