export { authorize } from './auth.middleware.js';
export { registerUserRoutes } from './user.routes.js';
export { newUserBody, changeUserBody, issueTokenBody } from './user.schemas.js';
export {
  addAccount,
  changeAccount,
  issueToken,
  listAccounts,
  getAccount,
  type AuditUserChange,
  type UserAccount,
  type UserChanges,
} from './user-admin.service.js';
export {
  createUser,
  findUserByToken,
  findUserById,
  verifyPassword,
  listUsers,
  userNames,
  activeContacts,
  findActiveContact,
  findPhysicianByNpi,
  hasAnyUser,
  type NewUser,
  type UserContact,
} from './user.service.js';
export { ROLES, type Role, type AuthenticatedUser } from '../platform/http/authenticated-user.js';
