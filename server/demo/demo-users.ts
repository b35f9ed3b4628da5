import type { NewUser } from '../auth/index.js';

/**
 * Demo sign-ins, one or more per role; listed in the README. Only ever created by the demo
 * seed on an empty database, never in production (SEED_DEMO=false).
 */
export const DEMO_USERS: Array<NewUser & { key: string }> = [
  {
    key: 'billing',
    name: 'Bea Ortiz',
    role: 'billing',
    email: 'billing@demo.overturn.test',
    password: 'demo-billing',
    token: 'ovt_demo_billing',
  },
  {
    key: 'clinician',
    name: 'Dr. Priya Natarajan',
    role: 'clinician',
    email: 'clinician@demo.overturn.test',
    password: 'demo-clinician',
    token: 'ovt_demo_clinician',
    npi: '1234567893',
    timeZone: 'America/New_York',
  },
  {
    key: 'director',
    name: 'Dr. Samuel Okafor',
    role: 'medical_director',
    email: 'director@demo.overturn.test',
    password: 'demo-director',
    token: 'ovt_demo_director',
    npi: '1093817465',
    timeZone: 'America/Chicago',
  },
  {
    key: 'director2',
    name: 'Dr. Helen Brandt',
    role: 'medical_director',
    email: 'director2@demo.overturn.test',
    password: 'demo-director2',
    token: 'ovt_demo_director2',
    npi: '1487652319',
    timeZone: 'America/Los_Angeles',
  },
  {
    key: 'admin',
    name: 'Alex Kim',
    role: 'admin',
    email: 'admin@demo.overturn.test',
    password: 'demo-admin',
    token: 'ovt_demo_admin',
  },
];
