/**
 * `npm run --silent import -- <file> [--dry-run]`
 * Imports a remittance (X12 835, FHIR ClaimResponse or Bundle, CSV in the template's layout) into
 * cases as the upload does, run here rather than queued, and prints the import as one JSON object;
 * with --dry-run, prints what the import would do and stores nothing. A refused file prints a
 * problem JSON object and exits 1; bad arguments print one line on stderr and exit 2.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/platform/logging.js';
import { openDatabase } from '../server/platform/db/database.js';
import { SystemClock } from '../server/platform/clock.js';
import { AppError } from '../server/platform/errors.js';
import { problemBody } from '../server/platform/http/error-handler.js';
import type { AuthenticatedUser } from '../server/platform/http/authenticated-user.js';
import { dryRunImport, receiveImportFrom, runImport, type LoopProgress } from '../server/imports/index.js';
import { helpIfAsked } from './cli-help.js';

helpIfAsked(`
Imports a remittance into cases, as an upload to POST /api/v1/imports does, and prints the import
as one JSON object (status, progress, counts, claims skipped by position and why).

npm run --silent import -- <file> [--dry-run]

  <file>      an X12 835, a FHIR R4 ClaimResponse or Bundle of them, or a CSV in the layout of
              GET /api/v1/imports/csv-template (the format is read from the content)
  --dry-run   print what the import would do (cases created and matched, payments recorded,
              claims skipped, each by position) and store nothing: no import, no file, no case
  --help      this text

A progress bar is drawn on stderr when it is a terminal. The same file imported twice answers the
first import with "repeated": true. A refused file prints a problem JSON object and exits 1; bad
arguments print one line on stderr and exit 2. Writes are made, and audited, as the actor "system".
`);

/** Who the command line acts as: no user signs in, and the audit trail names the service itself. */
const IMPORT_CLI_ACTOR: AuthenticatedUser = { id: 'system', name: 'Overturn import (command line)', role: 'billing' };

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({ options: { 'dry-run': { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (err) {
    return fail((err as Error).message);
  }
}

const { values, positionals } = readArgs();
if (positionals.length !== 1) fail('give one file to import (see --help)');
const file = positionals[0];
// The file's name may hold a patient's name: it is not repeated in any message.
if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) fail('the file given cannot be read');

/**
 * A progress bar on stderr, so stdout stays one JSON object. cli-progress draws nothing when
 * stderr is not a terminal (its default), so a script's log gets no redrawn lines.
 */
function progressBar() {
  const bar = new SingleBar({ format: 'claims {bar} {value}/{total}', hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update({ claimsDone, claimsTotal }: LoopProgress) {
      if (!started) bar.start(claimsTotal, claimsDone);
      else bar.update(claimsDone);
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}

const config = loadConfig();
// Logs go to stderr only on error, so that stdout stays one JSON object.
const db = await openDatabase(config, createLogger('error'));
const deps = { config, clock: new SystemClock(config.clinic.timeZone) };
const bar = progressBar();
let exitCode = 0;
try {
  let summary: object;
  if (values['dry-run']) summary = await dryRunImport(file, deps, bar.update);
  else {
    // Run here rather than queued: the command answers when the import is done.
    const received = await receiveImportFrom(file, IMPORT_CLI_ACTOR, async () => undefined, deps);
    const view = received.repeated ? received : await runImport(received.id, deps, bar.update);
    const status = view.status === 'refused' ? 422 : 500;
    if (view.problem)
      throw new AppError(status, view.problem.code, view.problem.message, view.problem.fields ?? [], {
        ...(view.problem.segment !== undefined ? { segment: view.problem.segment } : {}),
        importId: view.id,
      });
    summary = { ...view, repeated: received.repeated };
  }
  bar.stop();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} catch (err) {
  bar.stop();
  if (!(err instanceof AppError)) throw err;
  process.stdout.write(`${JSON.stringify(problemBody(err, 'import'))}\n`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
