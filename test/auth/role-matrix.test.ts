import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { ROLES, type Role } from '../../server/auth/index.js';

/**
 * Walks the route table itself, so a route added later is covered the day it is added:
 * without a token every route is 401; a role the route does not list is 403; a listed role
 * gets past authorization (whatever the handler then says about the made-up ids).
 */
describe('role matrix of every API route', () => {
  const { http, api } = testApp();
  let users: Record<Role, TestUser>;

  before(async () => {
    const u = await makeUsers();
    users = { clinician: u.clinician, billing: u.billing, medical_director: u.director, admin: u.admin };
  });

  const concretePath = (path: string) => `/api/v1${path.replace(/:(\w+)/g, '0123456789abcdef01234567')}`;

  it('lists at least the foundation routes', () => {
    const paths = api.routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).to.include.members([
      'post /cases',
      'get /cases',
      'patch /cases/:caseId',
      'post /cases/:caseId/transitions',
      'post /deadlines/compute',
      'get /worklist/deadlines',
    ]);
  });

  for (const route of testApp().api.routes) {
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      it('answers 401 problem+json without a token', async () => {
        const res = await http[route.method](concretePath(route.path));
        expect(res.status).to.equal(401);
        expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      });
      it('answers 401 for a token that is not ours', async () => {
        const res = await http[route.method](concretePath(route.path)).set(
          'Authorization',
          'Bearer ovt_not-a-real-token',
        );
        expect(res.status).to.equal(401);
      });
      for (const role of ROLES) {
        const allowed = route.roles.includes(role);
        it(`${allowed ? 'lets' : 'refuses'} ${role}`, async () => {
          const res = await http[route.method](concretePath(route.path)).set(users[role].auth);
          if (allowed) expect(res.status, JSON.stringify(res.body)).to.not.be.oneOf([401, 403]);
          else {
            expect(res.status).to.equal(403);
            expect(res.body.code).to.equal('FORBIDDEN');
          }
        });
      }
    });
  }
});
