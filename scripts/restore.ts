/** `npm run restore -- <dir>`: a backup made by `npm run backup`, into an empty database. */
import mongoose from 'mongoose';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { restoreDatabase } from '../server/platform/db/backup.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Restores a backup made by \`npm run backup\` into an empty database and its upload folder. Every
file is checked against the backup's manifest first; a damaged backup is refused whole, and a
database that already holds data is left alone. Reads MONGODB_URI (unset: the local database
under DATA_DIR) and UPLOAD_DIR.

npm run restore -- <dir>     (npm run restore -- --help: this text)
`);

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npm run restore -- <dir>');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase(config, createLogger(config.logLevel));
try {
  const manifest = await restoreDatabase(mongoose.connection.db!, config.uploadDir, dir);
  const documents = manifest.collections.reduce((n, c) => n + c.documents, 0);
  console.log(
    JSON.stringify({ dir, collections: manifest.collections.length, documents, files: manifest.files.length }),
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
