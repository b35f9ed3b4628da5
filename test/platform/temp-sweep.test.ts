import { expect } from 'chai';
import fs from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { startService, tempDir } from './service-process.js';

/**
 * A restart after a crash mid-upload leaves no orphan temporary file (issue 15): at start the
 * service removes the temporary files older than UPLOAD_TEMP_MAX_AGE_MINUTES, and keeps a newer
 * one that another instance sharing the folder may be writing.
 */
describe('temporary files a crash left', function () {
  this.timeout(120_000);

  it('when the service starts, then old temporary uploads and packet parts go and a fresh one stays', async () => {
    const uploads = await tempDir('sweep');
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const files = {
      oldUpload: path.join(uploads, 'tmp', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'),
      oldPacket: path.join(uploads, 'packets', '.0f8fad5b-d9cb-469f-a165-70867728950e.tmp'),
      freshUpload: path.join(uploads, 'tmp', '0123456789abcdef0123456789abcdef'),
      storedPacket: path.join(uploads, 'packets', `${'c'.repeat(64)}.pdf`),
    };
    for (const file of Object.values(files)) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, 'partial');
    }
    for (const file of [files.oldUpload, files.oldPacket, files.storedPacket])
      await fs.utimes(file, hoursAgo, hoursAgo);

    const uri = `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/${mongoose.connection.name}_sweep`;
    const service = await startService({ MONGODB_URI: uri, UPLOAD_DIR: uploads, UPLOAD_TEMP_MAX_AGE_MINUTES: '60' });
    try {
      const exists = (file: string) =>
        fs.stat(file).then(
          () => true,
          () => false,
        );
      expect(await exists(files.oldUpload)).to.equal(false);
      expect(await exists(files.oldPacket)).to.equal(false);
      expect(await exists(files.freshUpload)).to.equal(true);
      expect(await exists(files.storedPacket)).to.equal(true);
      expect(service.logs.find((l) => l.message === 'temporary files left by an earlier run removed')).to.include({
        files: 2,
      });
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      await fs.rm(uploads, { recursive: true, force: true });
    }
  });
});
