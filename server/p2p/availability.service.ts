/**
 * Physicians' availability for peer-to-peer calls, and who counts as a physician: a user with
 * the role medical_director or clinician.
 */
import { findActiveContact, listUsers, type AuthenticatedUser, type Role } from '../auth/index.js';
import { versionedWrites } from '../platform/db/versioned-write.js';
import { forbidden, invalid, notFound, unprocessable, type FieldProblem } from '../platform/errors.js';
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

const availabilityWrites = versionedWrites(AvailabilityModel, {
  entity: 'availability',
  label: 'availability',
  versionField: 'version',
});

const isPhysicianRole = (role: Role): role is Physician['role'] => role === 'medical_director' || role === 'clinician';

/**
 * The physician with this user id.
 * @throws AppError 422 PHYSICIAN_NOT_FOUND when no active user has the id, 422 NOT_A_PHYSICIAN for other roles
 */
export async function findPhysician(id: string): Promise<Physician> {
  const user = await findActiveContact(id);
  if (!user) throw unprocessable('PHYSICIAN_NOT_FOUND', 'No active user has this physician id');
  const { role } = user;
  if (!isPhysicianRole(role))
    throw unprocessable('NOT_A_PHYSICIAN', 'Peer-to-peer calls are taken by a medical director or a clinician');
  return { id: user.id, name: user.name, role, email: user.email, timeZone: user.timeZone };
}

/**
 * The physicians who have set weekly hours for calls, by name: whom a peer-to-peer can be
 * requested with, so that times inside the window can be proposed.
 */
export async function physiciansWithHours(): Promise<Pick<Physician, 'id' | 'name' | 'role'>[]> {
  const people = await listUsers(['medical_director', 'clinician']);
  const set = await AvailabilityModel.find({ physicianId: { $in: people.map((p) => p.id) } })
    .select('physicianId weekly')
    .lean<Pick<AvailabilityRecord, 'physicianId' | 'weekly'>[]>();
  const withHours = new Set(set.filter((a) => a.weekly.length > 0).map((a) => a.physicianId));
  return people
    .filter((p): p is typeof p & { role: Physician['role'] } => withHours.has(p.id) && isPhysicianRole(p.role))
    .map(({ id, name, role }) => ({ id, name, role }));
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

/** The availability as the API shows it: who last changed it stays in the record. */
function view(doc: Omit<AvailabilityRecord, 'updatedById'>, physician: Physician): AvailabilityView {
  const { physicianId, timeZone, weekly, exceptions, version, updatedAt } = doc;
  return { physicianId, timeZone, weekly, exceptions, version, updatedAt, physicianName: physician.name };
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
  // Version 0 creates it: one per physician (a unique index), so a second creator gets the 409 too.
  const doc =
    input.version === 0
      ? await availabilityWrites.create<AvailabilityRecord>(physicianId, { physicianId, ...fields })
      : await availabilityWrites.update<AvailabilityRecord>(
          { id: physicianId, version: input.version, filter: { physicianId } },
          { $set: fields },
          { runValidators: true },
        );
  return view(doc, physician);
}
