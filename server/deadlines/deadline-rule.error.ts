/**
 * Why a deadline could not be computed. Stable codes so the HTTP layer can map them
 * (all are client errors: the input names a plan, level or date the rules do not know).
 */
export type DeadlineErrorCode =
  | 'UNKNOWN_PLAN'
  | 'UNKNOWN_LEVEL'
  | 'NOT_FILEABLE'
  | 'BAD_DATE'
  | 'BAD_TIME_ZONE'
  | 'NO_PAYER_WINDOW'
  | 'BAD_WINDOW'
  | 'BAD_DECISION_KIND'
  | 'NO_EXTENSION'
  | 'BAD_EXTENSION'
  /** The notice predates every version of the rule in the table. */
  | 'NO_RULE'
  /** Expedited was asked for a level that has no expedited process (Original Medicare). */
  | 'NO_EXPEDITED'
  /** An appellant the routes do not know. */
  | 'UNKNOWN_APPELLANT';

/**
 * The one error the deadline engine throws. It carries no HTTP status on purpose: the
 * engine is pure and knows nothing of HTTP; the routes map `code` to a problem response.
 */
export class DeadlineRuleError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: DeadlineErrorCode;

  /**
   * @param code - stable reason code
   * @param message - one readable sentence, safe to show to a user (it never contains PHI)
   */
  constructor(code: DeadlineErrorCode, message: string) {
    super(message);
    this.name = 'DeadlineRuleError';
    this.code = code;
  }
}
