import { loadConfig } from './config.js';
import { createLogger } from './platform/logging.js';
import { openDatabase } from './platform/db/database.js';
import { createApp } from './app.js';
import { seedDemoIfEmpty } from './demo/index.js';

/** Starts the service: config -> database -> app -> listen, and shuts down cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  logger.info('database ready', { database: db.kind });
  if (config.seedDemo) await seedDemoIfEmpty(logger);
  const { app } = createApp({ config, logger });
  const server = app.listen(config.port, () => logger.info('Overturn listening', { url: `http://localhost:${config.port}/` }));
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => void db.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
