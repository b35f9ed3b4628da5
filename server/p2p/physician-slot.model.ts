import mongoose, { Schema } from 'mongoose';

/**
 * One 15-minute block of a physician's time taken by a booked P2P call. The unique index on
 * (physicianId, slotKey) is what refuses a double booking, also when two requests race: the
 * database's unique index is atomic on MongoDB and on FerretDB v1 alike, while a conditional
 * update on FerretDB v1 is not (see CONTEXT.md).
 */
const slotSchema = new Schema(
  {
    physicianId: { type: String, required: true },
    /** Start of the block as a UTC instant, e.g. `2026-12-02T15:00Z`. */
    slotKey: { type: String, required: true },
    p2pId: { type: String, required: true },
    /** The booking attempt that inserted the block, so a failed attempt removes exactly its own. */
    bookingId: { type: String, required: true },
  },
  { versionKey: false, collection: 'physician_slots' },
);
slotSchema.index({ physicianId: 1, slotKey: 1 }, { unique: true });
slotSchema.index({ p2pId: 1 });

export const PhysicianSlotModel = mongoose.model('PhysicianSlot', slotSchema);
