export { registerPayerRoutes } from './payer-profile.routes.js';
export {
  findPayerProfile,
  createPayerProfile,
  listPayerProfiles,
  payersWithPeerToPeerWindow,
  payerWindow,
} from './payer-profile.service.js';
export type { PayerProfileRecord } from './payer-profile.model.js';
