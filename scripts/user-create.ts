/**
 * `npm run --silent user:create -- --name "…" --role <role> [--email …] [--password …]`
 * Prints JSON with the new user's id and bearer token (shown only this once).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { createUser, ROLES, type Role } from '../server/auth/index.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Creates a user and prints JSON with its id and bearer token (shown only this once).

npm run --silent user:create -- --name "Dana Cruz" --role billing [--email … --password …] [--time-zone …]

  --name        the user's name as colleagues know it (required)
  --role        ${ROLES.join(', ')} (required)
  --email       the address they sign in to the web pages with
  --password    their web password (with --email)
  --time-zone   the IANA zone they keep, e.g. America/Chicago (default: the clinic's)
  --help        this text
`);

function fail(message: string): never {
  process.stderr.write(`user:create: ${message}\n`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        'time-zone': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return fail((err as Error).message);
  }
}

const args = readArgs();
const name = args.name?.trim();
if (!name) fail('--name is required');
if (!args.role || !ROLES.includes(args.role as Role)) fail(`--role must be one of: ${ROLES.join(', ')}`);

const config = loadConfig();
// Logs go to stderr only on error, so that stdout stays one JSON object.
const db = await openDatabase(config, createLogger('error'));
try {
  const { user, token } = await createUser({
    name,
    role: args.role as Role,
    email: args.email,
    password: args.password,
    timeZone: args['time-zone'],
  });
  process.stdout.write(`${JSON.stringify({ id: user.id, name: user.name, role: user.role, token })}\n`);
} finally {
  await db.close();
}
