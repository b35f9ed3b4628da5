import mongoose, { Schema } from 'mongoose';

/**
 * A signed-in browser. The cookie holds a random id; only its SHA-256 is stored, so a copy of
 * the database cannot be replayed as a cookie. Expiry is checked on every read (FerretDB v1
 * gives no guarantee of TTL deletion), and expired rows are pruned at sign-in.
 */
export interface WebSessionRecord {
  _id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const webSessionSchema = new Schema<WebSessionRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);

export const WebSessionModel = mongoose.model<WebSessionRecord>('WebSession', webSessionSchema, 'web_sessions');
