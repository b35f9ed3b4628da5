import mongoose from 'mongoose';
import type { Logger } from '../logging.js';

/** The address the connection was opened with, for a worker thread that opens its own. */
let openedUri: string | undefined;

/**
 * Opens the one mongoose connection. Works the same against MongoDB 6+ and FerretDB v1:
 * no transactions, no $lookup/$facet/$text anywhere in the data layer.
 * @param selectionTimeoutMs - how long an operation waits for a reachable server before it fails
 *   (and its request answers 503): a few seconds, not the driver's 30, so an outage is told at once.
 */
export async function connectDatabase(
  uri: string,
  logger: Logger,
  selectionTimeoutMs = 10_000,
): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  const conn = await mongoose.connect(uri, { serverSelectionTimeoutMS: selectionTimeoutMs });
  openedUri = uri;
  logger.info('database connected', { host: conn.connection.host, database: conn.connection.name });
  return conn;
}

/** The address of the open connection (for a worker thread's own connection to the same database). */
export function connectionUri(): string {
  if (mongoose.connection.readyState !== 1 || !openedUri) throw new Error('The database connection is not open');
  return openedUri;
}

/** True when the database answers a ping; backs GET /ready. */
export async function databaseReachable(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
