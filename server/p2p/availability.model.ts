import mongoose, { Schema } from 'mongoose';

/** When a physician can take peer-to-peer calls: a weekly pattern in their own zone, and exceptions. */
export interface WeeklyHours {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** Local wall-clock times, HH:mm. */
  start: string;
  end: string;
}

export interface AvailabilityException {
  date: string;
  /** leave and clinic_day block the day (or the given hours); extra adds hours. */
  kind: 'leave' | 'clinic_day' | 'extra';
  start?: string;
  end?: string;
}

export interface AvailabilityRecord {
  physicianId: string;
  timeZone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
  version: number;
  updatedById: string;
  updatedAt: Date;
}

const availabilitySchema = new Schema<AvailabilityRecord>(
  {
    physicianId: { type: String, required: true, unique: true },
    timeZone: { type: String, required: true },
    weekly: [
      {
        _id: false,
        weekday: { type: Number, min: 1, max: 7, required: true },
        start: { type: String, required: true },
        end: { type: String, required: true },
      },
    ],
    exceptions: [
      {
        _id: false,
        date: { type: String, required: true },
        kind: { type: String, enum: ['leave', 'clinic_day', 'extra'], required: true },
        start: String,
        end: String,
      },
    ],
    version: { type: Number, required: true, default: 0 },
    updatedById: { type: String, required: true },
    /** From the service's clock, not the database's. */
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'physician_availability' },
);

export const AvailabilityModel = mongoose.model('PhysicianAvailability', availabilitySchema);
