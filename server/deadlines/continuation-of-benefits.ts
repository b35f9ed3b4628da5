/**
 * Medicaid managed care: the date by which an appeal must be filed for benefits to continue
 * while it is pending (42 CFR 438.420).
 */
import { addDays, parseIsoDate } from './calendar-date.js';
import type { ComputedDeadline } from './deadline.types.js';

const CITATION = '42 CFR 438.420';

/**
 * The later of 10 days after the notice date and the intended effective date of the action.
 * Not rolled over: no source grants a rollover, and filing by the calendar date is safe.
 *
 * @param input - the notice date and, when the notice states one, the intended effective date
 * @throws DeadlineRuleError BAD_DATE
 */
export function computeContinuationOfBenefitsDeadline(input: {
  noticeDate: string;
  intendedEffectiveDate?: string;
}): ComputedDeadline {
  const noticeDate = parseIsoDate(input.noticeDate, 'noticeDate');
  const tenDays = addDays(noticeDate, 10);
  const effective =
    input.intendedEffectiveDate === undefined
      ? undefined
      : parseIsoDate(input.intendedEffectiveDate, 'intendedEffectiveDate');
  const useEffective = effective !== undefined && effective > tenDays;
  const dueDate = useEffective ? effective : tenDays;
  const why =
    effective === undefined
      ? 'no intended effective date given'
      : useEffective
        ? `the intended effective date ${effective} is later`
        : `the intended effective date ${effective} is not later`;
  return {
    dueDate,
    citation: CITATION,
    countedFrom: 'notice',
    basis:
      `to keep benefits during the appeal, file by the later of 10 days after the ` +
      `notice (${noticeDate} + 10 days = ${tenDays}) and the intended effective ` +
      `date (${why}) → ${dueDate}; ${CITATION}`,
  };
}
