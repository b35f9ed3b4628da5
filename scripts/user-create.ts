/**
 * `npm run --silent user:create -- --name "…" --role <role> [--email …] [--password …]`
 * Prints JSON with the new user's id and bearer token (shown only this once).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { createUser, ROLES, type Role } from '../server/auth/index.js';

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
