import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { ROLES } from '../platform/http/authenticated-user.js';

/** A person who signs in: a clinician, billing staff, a medical director or an administrator. */
const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, trim: true, lowercase: true, maxlength: 320 },
    role: { type: String, enum: ROLES, required: true },
    /** SHA-256 of the bearer token; the token itself is shown once, at creation. */
    tokenHash: { type: String, required: true, unique: true },
    /** scrypt hash for the web sign-in, when the user has a password. */
    passwordHash: { type: String },
    /** Medical directors and clinicians who take peer-to-peer calls have an IANA time zone. */
    timeZone: { type: String, default: 'America/New_York' },
    npi: { type: String, match: /^\d{10}$/ },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, optimisticConcurrency: true },
);
// Not a unique index: FerretDB v1 lacks partial indexes and many users have no email, so
// createUser checks for a taken email itself (user creation is rare and admin-driven).
userSchema.index({ email: 1 });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export const UserModel = mongoose.model('User', userSchema);
