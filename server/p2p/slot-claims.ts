/**
 * Reserving a physician's time for a booked call, one 15-minute block per document. The
 * unique index on (physicianId, slotKey) makes the insert the lock: of two requests racing
 * for an overlapping time, exactly one gets every block it needs. Blocks are inserted in time
 * order, so two racers cannot each hold a block the other needs and both lose.
 */
import { PhysicianSlotModel } from './physician-slot.model.js';
import { conflict } from '../platform/errors.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import { BLOCK_MINUTES, type Busy } from './slot-finder.js';

/**
 * Reserves the blocks `keys` for a booking attempt. When rescheduling to an overlapping time, the
 * blocks of the review's current booking (`currentBookingId`) are kept rather than claimed again;
 * blocks another attempt inserted, even for the same review, count as taken.
 * @throws AppError 409 SLOT_TAKEN when another booking of the physician holds one of them
 */
export async function reserveBlocks(
  physicianId: string,
  p2pId: string,
  bookingId: string,
  keys: string[],
  currentBookingId?: string,
): Promise<void> {
  const held = new Set(
    currentBookingId
      ? (
          await PhysicianSlotModel.find({ physicianId, p2pId, bookingId: currentBookingId }).select('slotKey').lean()
        ).map((s) => s.slotKey)
      : [],
  );
  const wanted = keys.filter((k) => !held.has(k)).sort();
  if (!wanted.length) return;
  try {
    await PhysicianSlotModel.insertMany(
      wanted.map((slotKey) => ({ physicianId, slotKey, p2pId, bookingId })),
      { ordered: true },
    );
  } catch (err) {
    await releaseBooking(bookingId);
    if (isDuplicateKey(err))
      throw conflict(
        'SLOT_TAKEN',
        'The physician already has a call booked at an overlapping time; choose another slot',
      );
    throw err;
  }
}

/** Removes what one booking attempt inserted (the attempt failed). */
export async function releaseBooking(bookingId: string): Promise<void> {
  await PhysicianSlotModel.deleteMany({ bookingId });
}

/**
 * After a booking succeeded: the blocks kept from the review's previous booking now belong to
 * the new one, and every other block of the review (the replaced time) is freed.
 */
export async function settleBooking(
  p2pId: string,
  bookingId: string,
  keys: string[],
  previousBookingId?: string,
): Promise<void> {
  if (previousBookingId)
    await PhysicianSlotModel.updateMany(
      { p2pId, bookingId: previousBookingId, slotKey: { $in: keys } },
      { $set: { bookingId } },
    );
  await PhysicianSlotModel.deleteMany({ p2pId, bookingId: { $ne: bookingId } });
}

/** Frees all of a review's blocks (cancelled, or to be rescheduled). */
export async function releaseReviewBlocks(p2pId: string): Promise<void> {
  await PhysicianSlotModel.deleteMany({ p2pId });
}

/** The physician's reserved blocks from `from` on, other than this review's: what the slot finder must avoid. */
export async function busyBlocks(physicianId: string, exceptP2pId: string, from: Date): Promise<Busy[]> {
  const fromKey = new Date(from.getTime() - BLOCK_MINUTES * 60_000).toISOString().slice(0, 16) + 'Z';
  const blocks = await PhysicianSlotModel.find({ physicianId, p2pId: { $ne: exceptP2pId }, slotKey: { $gte: fromKey } })
    .select('slotKey')
    .lean();
  return blocks.map((b) => {
    const start = new Date(b.slotKey.replace('Z', ':00Z'));
    return { start, end: new Date(start.getTime() + BLOCK_MINUTES * 60_000) };
  });
}
