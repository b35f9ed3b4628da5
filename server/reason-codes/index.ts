/**
 * The reason-code domain, as its neighbours use it: the denial categories, the table lookups
 * (pure, our words) and the descriptions with the official wording when it is loaded.
 */
export { registerReasonCodeRoutes } from './reason-code.routes.js';
export {
  describeReasonCode,
  describeReasonCodes,
  searchReasonCodes,
  loadOfficialList,
  type ReasonCodeDescription,
} from './reason-code.service.js';
export {
  findReasonCode,
  readReasonCode,
  tableEntries,
  GROUP_CODES,
  TABLE_SOURCE,
  type GroupCode,
  type ReasonCodeEntry,
} from './reason-code-table.js';
export {
  DENIAL_CATEGORIES,
  RESOLUTION_ROUTES,
  REASON_CODE_KINDS,
  type DenialCategory,
  type ResolutionRoute,
  type ReasonCodeKind,
} from './reason-code.types.js';
export { OFFICIAL_LIST_COLUMNS } from './official-list.js';
