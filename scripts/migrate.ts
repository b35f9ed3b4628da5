/**
 * `npm run migrate`: brings the configured database's records to the shape this version reads
 * (`npm start` does the same before it listens). Safe to run again: applied migrations are
 * recorded, and each finds only records still in the old shape.
 */
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { SystemClock } from '../server/platform/clock.js';
import { migrate } from '../server/migrations.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Brings the database's records to the shape this version reads (npm start does the same before it
listens). Safe to run again: applied migrations are recorded. Reads MONGODB_URI (unset: the local
database under DATA_DIR).

npm run migrate [-- --help]
`);

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase(config, logger);
try {
  const ran = await migrate({ logger, clock: new SystemClock(config.clinic.timeZone) });
  console.log(ran.length ? `Applied: ${ran.join(', ')}.` : 'Nothing to migrate: the database is up to date.');
} finally {
  await db.close();
}
