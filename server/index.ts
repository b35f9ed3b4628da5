import { loadConfig } from './config.js';
import { createLogger } from './platform/logging.js';
import { openDatabase } from './platform/db/database.js';
import { createApp } from './app.js';
import { seedDemoIfEmpty } from './demo/index.js';
import { startBackgroundJobs } from './notifications/index.js';
import { SystemClock } from './platform/clock.js';
import { migrate } from './migrations.js';

/** Starts the service: config -> database -> migrations -> app -> listen, and shuts down cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  logger.info('database ready', { database: db.kind });
  const deps = { config, logger, clock: new SystemClock(config.clinic.timeZone) };
  await migrate(deps);
  if (config.seedDemo) await seedDemoIfEmpty(deps);
  const stopJobs = await startBackgroundJobs(deps);
  const { app } = createApp(deps);
  const server = app.listen(config.port, config.host, () =>
    logger.info('Overturn listening', { url: `http://localhost:${config.port}/`, host: config.host }),
  );
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(
      () =>
        void stopJobs()
          .then(() => db.close())
          .then(() => process.exit(0)),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
