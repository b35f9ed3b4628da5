import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { loadTestConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import { FixedClock } from '../../server/platform/clock.js';
import { createUser, type Role } from '../../server/auth/index.js';

export const silentLogger = createLogger('error', true);

/** The app under test with a controlled clock (default: 2026-11-23 14:00 UTC). */
export function testApp(now = new Date('2026-11-23T14:00:00Z')) {
  const config = loadTestConfig();
  const clock = new FixedClock(now, config.clinic.timeZone);
  const { app, api } = createApp({ config, logger: silentLogger, clock });
  return { app, api, clock, http: supertest(app) };
}

export interface TestUser {
  id: string;
  name: string;
  role: Role;
  token: string;
  auth: { Authorization: string };
}

let counter = 0;
export async function makeUser(role: Role, name = `Test ${role} ${++counter}`): Promise<TestUser> {
  const { user, token } = await createUser({ name, role });
  return { ...user, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function makeUsers() {
  const [clinician, billing, director, admin] = await Promise.all([
    makeUser('clinician'),
    makeUser('billing'),
    makeUser('medical_director'),
    makeUser('admin'),
  ]);
  return { clinician, billing, director, admin };
}
