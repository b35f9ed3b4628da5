export { registerPayerRoutes } from './payer-profile.routes.js';
export { newPayerBody, changePayerBody } from './payer-profile.schemas.js';
export {
  findPayerProfile,
  matchPayerProfile,
  getPayerProfile,
  updatePayerProfile,
  createPayerProfile,
  listPayerProfiles,
  payersWithPeerToPeerWindow,
  payerWindow,
} from './payer-profile.service.js';
export type { PayerProfileRecord } from './payer-profile.model.js';
export type { PayerProfileInput } from './payer-profile.service.js';
