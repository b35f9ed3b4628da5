import { DeadlineRuleError } from '../../server/deadlines/index.js';

/** The DeadlineRuleError code a call throws, or undefined when it does not throw. */
export function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DeadlineRuleError ? error.code : `not a DeadlineRuleError: ${String(error)}`;
  }
  return undefined;
}
