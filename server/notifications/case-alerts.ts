/**
 * Alerts: a notice the care team should have at once, not before a deadline (the attendance
 * domain's "3 refusals or no-shows in 14 days"). Recorded like any notice, under a unique key the
 * caller chooses, so the same alert is recorded (and sent) once however often it is offered, and
 * its first delivery round runs straight away; a failed channel is retried by the reminder scan.
 */
import { activeContacts } from '../auth/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../platform/logging.js';
import type { Metrics } from '../platform/metrics.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import { NotificationModel, type NotificationRecord } from './notification.model.js';
import { configuredChannels, type Channel } from './notification-channels.js';
import { deliverOne, firstDelivery } from './notification-delivery.js';

/** What an alert says and to whom; never PHI (a case reference, counts, a link). */
export interface CaseAlert {
  /** Names this alert once for ever, e.g. `attendance:<caseId>:<first session id>`. */
  key: string;
  caseId: string;
  reference: string;
  /** Users to tell; inactive or unknown ids are left out. */
  recipientIds: string[];
  title: string;
  text: string;
}

export interface AlertDeps {
  config: Pick<Config, 'notify'>;
  logger: Logger;
  /** Defaults to the configured channels. */
  channels?: Channel[];
  metrics?: Metrics;
}

/**
 * Records the alert and runs its first delivery now.
 * @returns false when an alert with this key was recorded before (nothing is sent again)
 */
export async function sendCaseAlert(alert: CaseAlert, now: Date, deps: AlertDeps): Promise<boolean> {
  const channels = deps.channels ?? configuredChannels(deps.config);
  const recipients = (await activeContacts(alert.recipientIds)).map((u) => ({
    userId: u.id,
    name: u.name,
    role: u.role,
    ...(u.email ? { email: u.email } : {}),
  }));
  let doc: NotificationRecord;
  try {
    doc = (
      await NotificationModel.create({
        key: alert.key,
        kind: 'alert',
        subject: { type: 'case', id: alert.caseId, caseId: alert.caseId, reference: alert.reference },
        recipients,
        message: {
          title: alert.title,
          text: alert.text,
          link: `${deps.config.notify.publicUrl}/cases/${alert.caseId}`,
        },
        ...firstDelivery(channels, now),
      })
    ).toObject();
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  if (channels.length)
    await deliverOne(doc, now, { config: deps.config, logger: deps.logger, channels, metrics: deps.metrics });
  return true;
}
