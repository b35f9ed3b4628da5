import type { Config } from '../config.js';
import type { Logger } from './logging.js';
import type { Clock } from './clock.js';

/** What every domain's routes and services may be given: nothing else is global. */
export interface DomainDeps {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
}
