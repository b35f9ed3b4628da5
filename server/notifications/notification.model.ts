import mongoose, { Schema } from 'mongoose';

/**
 * Every reminder and escalation Overturn sends, with its delivery result per channel and each
 * attempt. The unique `key` (what, which deadline, due when, which offset) makes the insert
 * the lock: however many scheduler instances plan the same reminder, one record exists and
 * only its inserter's round of delivery runs (see notification-delivery.ts).
 */
export const DEADLINE_KINDS = ['filing', 'decision', 'continuation_of_benefits', 'p2p_window', 'p2p_call'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const CHANNEL_NAMES = ['webhook', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface Recipient {
  userId: string;
  name: string;
  role: string;
  email?: string;
}

export interface ChannelState {
  name: ChannelName;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
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
  kind: 'reminder' | 'escalation' | 'invitation';
  subject: { type: 'case' | 'p2p'; id: string; caseId: string; reference: string };
  deadline: { kind: DeadlineKind; due: string; level?: string };
  /** Minutes before the deadline this reminder is for; absent for escalations. */
  offsetMinutes?: number;
  recipients: Recipient[];
  /** No PHI: the case reference, the deadline, its date and a link. */
  message: { title: string; text: string; link: string };
  /** An invitation's iCalendar file (its detail as P2P_INVITE_DETAIL allows). */
  attachment?: { filename: string; method: 'REQUEST' | 'CANCEL'; content: string };
  status: 'pending' | 'delivered' | 'failed' | 'no_channel';
  channels: ChannelState[];
  attempts: Attempt[];
  /** Delivery rounds run so far; each round is claimed (platform/db/versioned-write.ts) by one instance. */
  rounds: number;
  nextAttemptAt?: Date;
  createdAt: Date;
}

const notificationSchema = new Schema<NotificationRecord>(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: ['reminder', 'escalation', 'invitation'], required: true },
    subject: {
      type: { type: String, enum: ['case', 'p2p'], required: true },
      id: { type: String, required: true },
      caseId: { type: String, required: true },
      reference: { type: String, required: true },
    },
    deadline: {
      kind: { type: String, enum: DEADLINE_KINDS, required: true },
      due: { type: String, required: true },
      level: String,
    },
    offsetMinutes: Number,
    recipients: [{ _id: false, userId: String, name: String, role: String, email: String }],
    message: {
      title: { type: String, required: true },
      text: { type: String, required: true },
      link: { type: String, required: true },
    },
    attachment: { filename: String, method: { type: String, enum: ['REQUEST', 'CANCEL'] }, content: String },
    status: { type: String, enum: ['pending', 'delivered', 'failed', 'no_channel'], required: true },
    channels: [
      {
        _id: false,
        name: { type: String, enum: CHANNEL_NAMES },
        status: { type: String, enum: ['pending', 'delivered', 'failed', 'skipped'] },
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
