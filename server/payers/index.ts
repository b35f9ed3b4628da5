export { registerPayerRoutes } from './payer-profile.routes.js';
export { findPayerProfile, createPayerProfile, listPayerProfiles } from './payer-profile.service.js';
export { PayerProfileModel, type PayerProfileRecord } from './payer-profile.model.js';
