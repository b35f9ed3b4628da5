import mongoose, { Schema } from 'mongoose';
import { CASE_DEADLINE_KINDS } from '../cases/index.js';

/**
 * Every reminder and escalation Overturn sends, with its delivery result per channel and each
 * attempt. The unique `key` (what, which deadline, due when, which offset) makes the insert
 * the lock: however many scheduler instances plan the same reminder, one record exists and
 * only its inserter's round of delivery runs (see notification-delivery.ts).
 */
/** A case's own deadlines, and a peer-to-peer review's window and call. */
export const DEADLINE_KINDS = [...CASE_DEADLINE_KINDS, 'p2p_window', 'p2p_call'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const CHANNEL_NAMES = ['webhook', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];
/** `alert`: something the care team should know at once (an attendance pattern), with no deadline. */
export const NOTIFICATION_KINDS = ['reminder', 'escalation', 'invitation', 'alert'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const SUBJECT_TYPES = ['case', 'p2p'] as const;
export const INVITATION_METHODS = ['REQUEST', 'CANCEL'] as const;
export type InvitationMethod = (typeof INVITATION_METHODS)[number];
/** A notification's delivery as a whole; `no_channel` when no channel was configured to send it. */
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed', 'no_channel'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const CHANNEL_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** What a notification is about: a case, or a peer-to-peer call (with the case it belongs to). */
export interface NotificationSubject {
  type: (typeof SUBJECT_TYPES)[number];
  id: string;
  caseId: string;
  reference: string;
}

export interface Recipient {
  userId: string;
  name: string;
  role: string;
  email?: string;
}

export interface ChannelState {
  name: ChannelName;
  status: ChannelStatus;
  attempts: number;
  lastError?: string;
  deliveredAt?: Date;
}

export interface Attempt {
  round: number;
  channel: ChannelName;
  at: Date;
  ok: boolean;
  detail: string;
}

export interface NotificationRecord {
  _id: mongoose.Types.ObjectId;
  key: string;
  kind: NotificationKind;
  subject: NotificationSubject;
  /** The deadline a reminder, escalation or invitation is about; an alert has none. */
  deadline?: { kind: DeadlineKind; due: string; level?: string };
  /** Minutes before the deadline this reminder is for; absent for escalations. */
  offsetMinutes?: number;
  recipients: Recipient[];
  /** No PHI: the case reference, the deadline, its date and a link. */
  message: { title: string; text: string; link: string };
  /** An invitation's iCalendar file (its detail as P2P_INVITE_DETAIL allows). */
  attachment?: { filename: string; method: InvitationMethod; content: string };
  status: NotificationStatus;
  channels: ChannelState[];
  attempts: Attempt[];
  /** Delivery rounds run so far; each round is claimed (platform/db/versioned-write.ts) by one instance. */
  rounds: number;
  nextAttemptAt?: Date;
  createdAt: Date;
}

/** Every kind but an alert is about a deadline. */
function needsDeadline(this: NotificationRecord): boolean {
  return this.kind !== 'alert';
}

const notificationSchema = new Schema<NotificationRecord>(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    subject: {
      type: { type: String, enum: SUBJECT_TYPES, required: true },
      id: { type: String, required: true },
      caseId: { type: String, required: true },
      reference: { type: String, required: true },
    },
    deadline: {
      kind: { type: String, enum: DEADLINE_KINDS, required: needsDeadline },
      due: { type: String, required: needsDeadline },
      level: String,
    },
    offsetMinutes: Number,
    recipients: [{ _id: false, userId: String, name: String, role: String, email: String }],
    message: {
      title: { type: String, required: true },
      text: { type: String, required: true },
      link: { type: String, required: true },
    },
    attachment: { filename: String, method: { type: String, enum: INVITATION_METHODS }, content: String },
    status: { type: String, enum: NOTIFICATION_STATUSES, required: true },
    channels: [
      {
        _id: false,
        name: { type: String, enum: CHANNEL_NAMES },
        status: { type: String, enum: CHANNEL_STATUSES },
        attempts: Number,
        lastError: String,
        deliveredAt: Date,
      },
    ],
    attempts: [
      {
        _id: false,
        round: Number,
        channel: { type: String, enum: CHANNEL_NAMES },
        at: Date,
        ok: Boolean,
        detail: String,
      },
    ],
    rounds: { type: Number, required: true, default: 0 },
    nextAttemptAt: Date,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notifications' },
);
notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ status: 1, nextAttemptAt: 1 });
notificationSchema.index({ 'recipients.userId': 1, createdAt: -1 });

export const NotificationModel = mongoose.model('Notification', notificationSchema);
