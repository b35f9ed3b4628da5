import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../../config.js';
import type { Logger } from '../logging.js';
import { connectDatabase } from './connect.js';
import { startLocalServer, type LocalServer } from './local-server.js';
import { chooseWriteGuard } from './versioned-write.js';

export interface Database {
  /** Which server: `external` for MONGODB_URI, else the kind of local server provisioned. */
  kind: string;
  uri: string;
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or provisions a local server in `dataDir` when it is unset.
 * `dbName` lets the tests use a throwaway database per run on the same server.
 */
export async function openDatabase(
  config: Readonly<Config>,
  logger: Logger,
  options: { dataDir?: string; dbName?: string } = {},
): Promise<Database> {
  let local: LocalServer | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    local = await startLocalServer({
      dataDir: options.dataDir ?? path.join(config.dataDir, 'db'),
      toolCacheDir: config.toolCacheDir,
      logger,
    });
    uri = local.uri;
  }
  if (options.dbName) uri = withDatabaseName(uri, options.dbName);
  await connectDatabase(uri, logger, config.dbSelectionTimeoutMs);
  logger.info('version-checked writes', { guard: await chooseWriteGuard(config.dbAtomicUpdates) });
  // Indexes back the worklist and the board; build them before serving.
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  return {
    kind: local?.kind ?? 'external',
    uri,
    // The server this process started is stopped (and its running-server.json removed) even when
    // the database cannot be reached and disconnecting fails.
    close: async () => {
      try {
        await mongoose.disconnect();
      } finally {
        await local?.stop();
      }
    },
  };
}

function withDatabaseName(uri: string, dbName: string): string {
  const u = new URL(uri);
  u.pathname = `/${dbName}`;
  return u.toString();
}
