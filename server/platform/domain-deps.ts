import type { Config } from '../config.js';
import type { Logger } from './logging.js';
import type { Clock } from './clock.js';
import type { Metrics } from './metrics.js';

/** What every domain's routes and services may be given: nothing else is global. */
export interface DomainDeps {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  /** The service's figures for /metrics; absent in CLIs and in tests that do not read them. */
  metrics?: Metrics;
}
