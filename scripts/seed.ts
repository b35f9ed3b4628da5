/** `npm run seed`: fills an empty database with the demo clinic (same as `npm start` does). */
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { seedDemoIfEmpty } from '../server/demo/index.js';
import { SystemClock } from '../server/platform/clock.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Fills an empty database with the demo clinic (npm start does the same); a database that holds
data is left as it is. Reads MONGODB_URI (unset: the local database under DATA_DIR).

npm run seed [-- --help]
`);

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase(config, logger);
const seeded = await seedDemoIfEmpty({ config, logger, clock: new SystemClock(config.clinic.timeZone) });
console.log(seeded ? 'Demo data seeded.' : 'The database already holds data; nothing seeded.');
await db.close();
