/**
 * Where notifications go. Each channel is off until configured (WEBHOOK_URL + WEBHOOK_SECRET,
 * SMTP_URL). A channel's `send` throws when delivery failed, with a message safe to store:
 * an HTTP status or a mail server's reply code, never the message body.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import { errorFields } from '../platform/errors.js';
import type { ChannelName, NotificationRecord } from './notification.model.js';

export interface Channel {
  name: ChannelName;
  /** Delivers one notification; resolves with a short detail, or throws. `skipped` when it has no one to reach. */
  send(notification: NotificationRecord, now: Date): Promise<{ detail: string; skipped?: boolean }>;
}

/** The JSON a webhook receives: the notification without its delivery bookkeeping. */
export function webhookPayload(n: NotificationRecord, now: Date) {
  return {
    id: String(n._id),
    key: n.key,
    kind: n.kind,
    subject: n.subject,
    deadline: n.deadline ?? null,
    offsetMinutes: n.offsetMinutes ?? null,
    message: n.message,
    ...(n.attachment ? { attachment: n.attachment } : {}),
    recipients: n.recipients.map((r) => ({ userId: r.userId, name: r.name, role: r.role })),
    sentAt: now.toISOString(),
  };
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as receivers verify it. */
export function signature(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the notification as JSON. Receivers check `X-Overturn-Signature` against the body and may
 * refuse an old `X-Overturn-Timestamp` (the same instant is `sentAt` inside the signed body).
 */
export function webhookChannel(url: string, secret: string, timeoutMs = 10_000): Channel {
  return {
    name: 'webhook',
    async send(n, now) {
      const body = JSON.stringify(webhookPayload(n, now));
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Overturn-Notifications/1',
          'X-Overturn-Signature': signature(secret, body),
          'X-Overturn-Timestamp': String(Math.floor(now.getTime() / 1000)),
          'X-Overturn-Delivery': String(n._id),
          'X-Overturn-Event': n.kind,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return { detail: `HTTP ${res.status}` };
    },
  };
}

/** Emails the recipients who have an address, through the configured SMTP server. */
export function emailChannel(transport: Transporter, from: string): Channel {
  return {
    name: 'email',
    async send(n) {
      const to = n.recipients.map((r) => r.email).filter((e): e is string => Boolean(e));
      if (!to.length) return { detail: 'no recipient has an email address', skipped: true };
      try {
        // An invitation goes as a calendar event the mail client offers to accept (or to remove).
        const invite = n.attachment
          ? {
              icalEvent: {
                method: n.attachment.method,
                filename: n.attachment.filename,
                content: n.attachment.content,
              },
            }
          : {};
        const info = await transport.sendMail({
          from,
          to,
          subject: n.message.title,
          text: `${n.message.text}\n\n${n.message.link}\n`,
          ...invite,
        });
        return { detail: `accepted by ${info.accepted?.length ?? to.length} of ${to.length}` };
      } catch (err) {
        const { responseCode, code } = errorFields(err);
        throw new Error(`SMTP ${String(responseCode ?? code ?? 'error')}`);
      }
    },
  };
}

/** The channels the configuration turns on. */
export function configuredChannels(config: Pick<Config, 'notify'>): Channel[] {
  const { notify } = config;
  const channels: Channel[] = [];
  if (notify.webhookUrl && notify.webhookSecret) channels.push(webhookChannel(notify.webhookUrl, notify.webhookSecret));
  // The configuration requires MAIL_FROM with SMTP_URL.
  if (notify.smtpUrl && notify.mailFrom)
    // Loaded only when mail is configured: a service without SMTP never holds nodemailer.
    channels.push(
      emailChannel(
        (createRequire(import.meta.url)('nodemailer') as typeof Nodemailer).createTransport(notify.smtpUrl),
        notify.mailFrom,
      ),
    );
  return channels;
}
