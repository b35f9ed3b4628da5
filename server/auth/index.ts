export { authorize } from './auth.middleware.js';
export { createUser, findUserByToken, findUserById, verifyPassword, listUsers, type NewUser } from './user.service.js';
export { UserModel } from './user.model.js';
export { ROLES, type Role, type AuthenticatedUser } from '../platform/http/authenticated-user.js';
