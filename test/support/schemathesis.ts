/**
 * Schemathesis, the contract fuzzer the API's tests run over its OpenAPI document, installed from
 * PyPI once into a virtual environment in the tool cache (as FerretDB is built there), so the
 * README's test command needs nothing installed by hand beyond Python 3, which every machine of
 * this project's kind has.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { withFileLock } from '../../server/platform/db/file-lock.js';

const run = promisify(execFile);
export const SCHEMATHESIS_VERSION = '4.32.5';

/** The path of the `schemathesis` command, installing it first when the cache has none. */
export async function schemathesisCommand(toolCacheDir: string): Promise<string> {
  const venv = path.join(toolCacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const command = path.join(venv, 'bin', 'schemathesis');
  // Written last, so an interrupted install is never taken for a finished one (a venv's scripts
  // name their interpreter by absolute path, so it cannot be built elsewhere and moved).
  const done = path.join(venv, 'installed');
  const installed = () =>
    fs.access(done).then(
      () => true,
      () => false,
    );
  if (await installed()) return command;
  await fs.mkdir(toolCacheDir, { recursive: true });
  return withFileLock(`${venv}.lock`, async () => {
    if (await installed()) return command;
    await fs.rm(venv, { recursive: true, force: true });
    await run('python3', ['-m', 'venv', venv]);
    await run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      maxBuffer: 16 << 20,
    });
    await fs.writeFile(done, `${SCHEMATHESIS_VERSION}\n`);
    return command;
  });
}
