/** `npm run backup -- <dir>`: the database and the upload folder, copied into a new folder. */
import mongoose from 'mongoose';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { backupDatabase } from '../server/platform/db/backup.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Copies every collection of the database (as extended JSON, with its indexes) and every file in the
upload folder into <dir>, a new or empty folder, with a manifest of SHA-256 hashes that
\`npm run restore\` checks. On MongoDB replica sets all collections are read at one point in time;
on FerretDB, stop the service (or its writes) for a consistent copy: the manifest says which.
Reads MONGODB_URI (unset: the local database under DATA_DIR) and UPLOAD_DIR.

npm run backup -- <dir>      (npm run backup -- --help: this text)
`);

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npm run backup -- <dir>');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase(config, createLogger(config.logLevel));
try {
  const manifest = await backupDatabase(mongoose.connection.db!, config.uploadDir, dir);
  const documents = manifest.collections.reduce((n, c) => n + c.documents, 0);
  console.log(
    JSON.stringify({
      dir,
      collections: manifest.collections.length,
      documents,
      files: manifest.files.length,
      snapshot: manifest.snapshot,
    }),
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
