import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loadConfig } from './config.js';
import { createLogger, faultForLog, type Logger } from './platform/logging.js';
import { openDatabase } from './platform/db/database.js';
import { createApp } from './app.js';
import { seedDemoIfEmpty } from './demo/index.js';
import { startBackgroundJobs } from './notifications/index.js';
import { closeImportJobs, removeStaleImportTemps, startImportJobs } from './imports/index.js';
import { removeStaleUploadTemps, resumeTextReading } from './evidence/index.js';
import { removeStalePacketTemps } from './packets/index.js';
import { SystemClock } from './platform/clock.js';
import { migrate } from './migrations.js';
import { Metrics } from './platform/metrics.js';
import { closeWorkerPools } from './platform/workers/worker-pool.js';

/** Starts the service: config -> database -> migrations -> app -> listen, and shuts down cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  // A crash mid-upload or mid-packet leaves a temporary file; only old ones go, since another
  // instance sharing the folder may be writing a new one now.
  const cutoff = new Date(Date.now() - config.uploadTempMaxAgeMinutes * 60_000);
  const swept =
    (await removeStaleUploadTemps(config.uploadDir, cutoff)) +
    (await removeStalePacketTemps(config.uploadDir, cutoff)) +
    (await removeStaleImportTemps(config.uploadDir, cutoff));
  if (swept) logger.info('temporary files left by an earlier run removed', { files: swept });
  logger.info('database ready', { database: db.kind });
  const metrics = new Metrics();
  metrics.observeDatabase();
  const deps = { config, logger, clock: new SystemClock(config.clinic.timeZone), metrics };
  await migrate(deps);
  if (config.seedDemo) await seedDemoIfEmpty(deps);
  // Scanned pages whose OCR a stop cut off are read again, from the first page without text.
  const resumed = await resumeTextReading(deps);
  if (resumed) logger.info('reading scanned documents again', { documents: resumed });
  const stopReminders = await startBackgroundJobs(deps);
  // Without jobs here, uploads still queue through the process's one import Agenda, closed at shutdown.
  const stopImports = config.jobsEnabled ? await startImportJobs(deps) : closeImportJobs;
  const stopJobs = () => Promise.all([stopReminders(), stopImports()]);
  const { app } = createApp(deps);
  const server = app.listen(config.port, config.host, () =>
    logger.info('Overturn listening', { url: `http://localhost:${config.port}/`, host: config.host }),
  );
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    await drain(server, config.shutdownDrainSeconds * 1000, logger);
    // Requests are answered: no packet or text extraction is waiting on a worker any more.
    await closeWorkerPools();
    // Jobs unlock what they hold in the database; with the database down they cannot, and must not hold up the exit.
    await Promise.race([stopJobs(), new Promise((resolve) => setTimeout(resolve, JOBS_STOP_MS).unref())]);
    await db.close();
  };
  const onSignal = (signal: string) => {
    // A backstop: whatever hangs, the process ends, and its exit handlers stop the local database
    // and remove its running-server.json.
    setTimeout(() => process.exit(1), config.shutdownDrainSeconds * 1000 + 2 * JOBS_STOP_MS).unref();
    shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: faultForLog(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}

const JOBS_STOP_MS = 5000;

/**
 * Stops accepting connections and waits for the requests in flight to be answered, at most
 * `ms`; then the connections left are cut. Answers given meanwhile close their connection, so
 * a client's idle keep-alive connection does not hold the drain open.
 */
function drain(server: Server, ms: number, logger: Logger): Promise<void> {
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('Connection', 'close'));
  return new Promise((resolve) => {
    const cut = setTimeout(() => {
      logger.warn('requests still in flight at the end of the drain; closing their connections', { ms });
      server.closeAllConnections();
    }, ms);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
