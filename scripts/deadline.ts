/**
 * Prints the last day to file an appeal level, as one JSON object.
 *
 *   npm run --silent deadline -- --plan medicare_ab --level redetermination --notice-date 2020-05-15
 *
 * Options: --plan, --level, --notice-date (required); --received-date, --expedited,
 * --state-fair-hearing-days N, --external-review-months N, and for plan type `other`
 * --window-days N [--window-unit calendar|business] [--count-from notice|receipt].
 * Bad input prints one line to stderr and exits 2. Pure computation: no database, no network.
 */
import { parseArgs } from 'node:util';
import {
  DAY_UNITS,
  DeadlineRuleError,
  PLAN_TYPES,
  WINDOW_STARTS,
  computeFilingDeadline,
  describeDecisionTimeframes,
  isPlanType,
  nextAppealLevel,
  requireLevel,
} from '../server/deadlines/index.js';
import { isOneOf } from '../server/platform/guards.js';
import type { FilingDeadlineInput, PayerWindowOverride } from '../server/deadlines/index.js';

const USAGE =
  'usage: deadline --plan <plan type> --level <level> --notice-date YYYY-MM-DD ' +
  '[--received-date YYYY-MM-DD] [--expedited]';

class UsageError extends Error {}

function wholeNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${option} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (isOneOf(allowed, value)) return value;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

function readInput(argv: string[]): FilingDeadlineInput {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      plan: { type: 'string' },
      level: { type: 'string' },
      'notice-date': { type: 'string' },
      'received-date': { type: 'string' },
      expedited: { type: 'boolean', default: false },
      'state-fair-hearing-days': { type: 'string' },
      'external-review-months': { type: 'string' },
      'window-days': { type: 'string' },
      'window-unit': { type: 'string' },
      'count-from': { type: 'string' },
    },
  });
  const missing = (['plan', 'level', 'notice-date'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing --${missing.join(', --')}; ${USAGE}`);
  const plan = values.plan ?? '';
  if (!isPlanType(plan))
    throw new UsageError(`unknown plan type ${JSON.stringify(plan)}; expected one of ${PLAN_TYPES.join(', ')}`);
  const level = requireLevel(plan, values.level);
  const windowDays = wholeNumber(values['window-days'], 'window-days');
  const payerWindow: PayerWindowOverride | undefined =
    windowDays === undefined
      ? undefined
      : {
          days: windowDays,
          unit: oneOf(values['window-unit'], DAY_UNITS, 'window-unit', 'calendar'),
          countFrom: oneOf(values['count-from'], WINDOW_STARTS, 'count-from', 'notice'),
          label: 'payer window given on the command line',
        };
  return {
    plan,
    level,
    noticeDate: values['notice-date'] ?? '',
    receivedDate: values['received-date'],
    expedited: values.expedited,
    stateFairHearingDays: wholeNumber(values['state-fair-hearing-days'], 'state-fair-hearing-days'),
    externalReviewMonths: wholeNumber(values['external-review-months'], 'external-review-months'),
    payerWindow,
  };
}

function main(argv: string[]): number {
  try {
    const input = readInput(argv);
    const deadline = computeFilingDeadline(input);
    const output = {
      plan: input.plan,
      level: input.level,
      expedited: input.expedited === true,
      noticeDate: input.noticeDate,
      ...(input.receivedDate === undefined ? {} : { receivedDate: input.receivedDate }),
      filingDeadline: deadline.dueDate,
      countedFrom: deadline.countedFrom,
      basis: deadline.basis,
      citation: deadline.citation,
      ...(deadline.rolledOver ? { rolledOver: deadline.rolledOver } : {}),
      decisionTimeframe: describeDecisionTimeframes({
        plan: input.plan,
        level: input.level,
        noticeDate: input.noticeDate,
      }),
      nextLevel: nextAppealLevel(input.plan, input.level),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options and missing values.
    const parseError =
      error instanceof TypeError && String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (error instanceof DeadlineRuleError || error instanceof UsageError || parseError) {
      process.stderr.write(`deadline: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
