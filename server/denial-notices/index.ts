/**
 * Denial notices: a payer's letter read into the fields of a case (CONTEXT.md). Neighbours and the
 * app use these only.
 */
export { registerDenialNoticeRoutes } from './denial-notice.routes.js';
export {
  readNotice,
  readNoticeText,
  receiveNotice,
  startReadingNotice,
  getNotice,
  noticeFile,
  type NoticeReading,
  type NoticeView,
} from './denial-notice.service.js';
export {
  CONFIDENCES,
  CRITERIA_KINDS,
  type Confidence,
  type CriteriaKind,
  type FoundAt,
  type NoticeField,
  type NoticeFields,
  type NoticePage,
  type AutomatedReview,
} from './denial-notice.types.js';
export { readDate } from './notice-checks.js';
export {
  noticeProgressKey,
  noticeReadingState,
  readingStopped,
  type NoticeProgress,
  type NoticeReadingState,
} from './notice-progress.service.js';
