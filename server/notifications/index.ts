/**
 * Reminders and escalation: the only import surface other domains use.
 */
import type { DomainDeps } from '../platform/domain-deps.js';
import { startScheduler } from './scheduler.js';

export { startScheduler, SCAN_JOB, type Scheduler, type SchedulerOptions } from './scheduler.js';
export { runDueReminders, type ScanResult, type ReminderDeps } from './reminder.service.js';
export type { NotificationRecord } from './notification.model.js';
export { sendCaseAlert, type CaseAlert, type AlertDeps } from './case-alerts.js';
export { webhookChannel, emailChannel, configuredChannels, signature, type Channel } from './notification-channels.js';

/** Background jobs (reminders, escalation) kept in MongoDB; returns a function that stops them. */
export async function startBackgroundJobs(deps: DomainDeps): Promise<() => Promise<void>> {
  if (!deps.config.jobsEnabled) {
    deps.logger.info('background jobs disabled (JOBS_ENABLED=false)');
    return async () => {};
  }
  const scheduler = await startScheduler(deps);
  deps.logger.info('background jobs started', { scanSeconds: deps.config.reminders.scanSeconds });
  return () => scheduler.stop();
}
