/**
 * Physicians' availability for peer-to-peer calls, and who counts as a physician: a user with
 * the role medical_director or clinician.
 */
import { UserModel, type AuthenticatedUser } from '../auth/index.js';
import { withVersionClaim } from '../platform/db/version-claim.js';
import { conflict, forbidden, invalid, notFound, unprocessable, type FieldProblem } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import {
  AvailabilityModel,
  type AvailabilityException,
  type AvailabilityRecord,
  type WeeklyHours,
} from './availability.model.js';

export interface Physician {
  id: string;
  name: string;
  role: 'medical_director' | 'clinician';
  email?: string;
  timeZone: string;
}

const PHYSICIAN_ROLES = ['medical_director', 'clinician'];

/**
 * The physician with this user id.
 * @throws AppError 422 PHYSICIAN_NOT_FOUND when no active user has the id, 422 NOT_A_PHYSICIAN for other roles
 */
export async function findPhysician(id: string): Promise<Physician> {
  const user = await UserModel.findOne({ _id: id, active: true }).lean();
  if (!user) throw unprocessable('PHYSICIAN_NOT_FOUND', 'No active user has this physician id');
  if (!PHYSICIAN_ROLES.includes(user.role))
    throw unprocessable('NOT_A_PHYSICIAN', 'Peer-to-peer calls are taken by a medical director or a clinician');
  return {
    id: String(user._id),
    name: user.name,
    role: user.role as Physician['role'],
    email: user.email ?? undefined,
    timeZone: user.timeZone ?? 'America/New_York',
  };
}

export interface AvailabilityInput {
  version: number;
  timeZone?: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
}

export type AvailabilityView = Omit<AvailabilityRecord, 'updatedById'> & { physicianName: string };

function checkHours(input: AvailabilityInput): void {
  const problems: FieldProblem[] = [];
  input.weekly.forEach(
    (w, i) => w.start >= w.end && problems.push({ field: `body.weekly.${i}.end`, message: 'must be later than start' }),
  );
  input.exceptions.forEach((x, i) => {
    if (x.kind === 'extra' && !(x.start && x.end))
      problems.push({ field: `body.exceptions.${i}`, message: 'extra hours need start and end' });
    if (Boolean(x.start) !== Boolean(x.end))
      problems.push({
        field: `body.exceptions.${i}`,
        message: 'give both start and end, or neither for the whole day',
      });
    if (x.start && x.end && x.start >= x.end)
      problems.push({ field: `body.exceptions.${i}.end`, message: 'must be later than start' });
  });
  if (problems.length) throw invalid(`${problems.length} field(s) are invalid`, problems);
}

function view(
  doc: Omit<AvailabilityRecord, 'updatedById'> & { updatedById?: string },
  physician: Physician,
): AvailabilityView {
  const { updatedById: _by, ...rest } = doc as AvailabilityRecord & { _id?: unknown };
  delete (rest as { _id?: unknown })._id;
  return { ...rest, physicianName: physician.name };
}

/** A physician's availability; an empty pattern in their own zone until they set one. */
export async function getAvailability(physicianId: string): Promise<AvailabilityView> {
  const physician = await findPhysician(physicianId).catch(() => {
    throw notFound('Physician', 'PHYSICIAN_NOT_FOUND');
  });
  const doc = await AvailabilityModel.findOne({ physicianId }).lean<AvailabilityRecord>();
  return view(
    doc ?? {
      physicianId,
      timeZone: physician.timeZone,
      weekly: [],
      exceptions: [],
      version: 0,
      updatedAt: new Date(0),
    },
    physician,
  );
}

/** The zone and pattern the slot finder works with. */
export async function availabilityOf(
  physician: Physician,
): Promise<Pick<AvailabilityRecord, 'timeZone' | 'weekly' | 'exceptions'>> {
  const doc = await AvailabilityModel.findOne({ physicianId: physician.id }).lean<AvailabilityRecord>();
  return doc ?? { timeZone: physician.timeZone, weekly: [], exceptions: [] };
}

/**
 * Replaces a physician's availability (version-checked; version 0 creates it). Physicians set
 * their own; medical directors and admins set anyone's.
 */
export async function setAvailability(
  physicianId: string,
  input: AvailabilityInput,
  actor: AuthenticatedUser,
  { clock }: { clock: Clock },
): Promise<AvailabilityView> {
  if (actor.id !== physicianId && actor.role !== 'admin' && actor.role !== 'medical_director')
    throw forbidden('Clinicians set their own availability only');
  const physician = await findPhysician(physicianId).catch(() => {
    throw notFound('Physician', 'PHYSICIAN_NOT_FOUND');
  });
  checkHours(input);
  const fields = {
    timeZone: input.timeZone ?? physician.timeZone,
    weekly: input.weekly,
    exceptions: [...input.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
    updatedById: actor.id,
    updatedAt: clock.now(),
  };
  const stale = () =>
    conflict('STALE_VERSION', 'The availability was changed by someone else; reload it and apply your change again');
  return withVersionClaim('availability', physicianId, input.version, async () => {
    if (input.version === 0) {
      if (await AvailabilityModel.exists({ physicianId })) throw stale();
      return view((await AvailabilityModel.create({ physicianId, ...fields, version: 1 })).toObject(), physician);
    }
    const doc = await AvailabilityModel.findOneAndUpdate(
      { physicianId, version: input.version },
      { $set: fields, $inc: { version: 1 } },
      { returnDocument: 'after', runValidators: true },
    ).lean<AvailabilityRecord>();
    if (!doc) throw stale();
    return view(doc, physician);
  });
}
