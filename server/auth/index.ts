export { authorize } from './auth.middleware.js';
export {
  createUser,
  findUserByToken,
  findUserById,
  verifyPassword,
  listUsers,
  userNames,
  activeContacts,
  findActiveContact,
  hasAnyUser,
  type NewUser,
  type UserContact,
} from './user.service.js';
export { ROLES, type Role, type AuthenticatedUser } from '../platform/http/authenticated-user.js';
