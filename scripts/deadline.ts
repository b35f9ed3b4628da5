/**
 * Prints the last day to file an appeal level, as one JSON object.
 *
 *   npm run --silent deadline -- --plan medicare_ab --level redetermination --notice-date 2020-05-15
 *
 * See USAGE for the options. Bad input, or a combination with no rule (--expedited on an Original
 * Medicare level), prints one line to stderr and exits 2. Pure computation: no database, no network.
 */
import { parseArgs } from 'node:util';
import {
  APPELLANTS,
  DAY_UNITS,
  DeadlineRuleError,
  FAST_TRACK_LEVELS,
  MEDICAID_ACTIONS,
  PLAN_TYPES,
  WINDOW_STARTS,
  answerFilingDeadline,
  isPlanType,
  requireLevel,
} from '../server/deadlines/index.js';
import { isOneOf } from '../server/platform/guards.js';
import type { DeadlineQuestion, PayerWindowOverride } from '../server/deadlines/index.js';

const USAGE =
  'usage: deadline --plan <plan type> --level <level> --notice-date YYYY-MM-DD ' +
  '[--received-date YYYY-MM-DD] [--expedited] [--appellant <who>] [--action <what>] [--service-end YYYY-MM-DD] ' +
  '[--time-zone <IANA zone>]';

const HELP = `${USAGE}

Prints one JSON object: filingDeadline, filingDeadlineTime (hour-based rules, with zone), basis,
citation, countedFrom, lastBusinessDay (when the last day is a weekend or holiday that does not
roll over), decisionTimeframe, ruleEffectiveFrom (the date the rule applied took effect), ruleSource
and nextLevel; with --appellant, --action or --service-end also appellant, continuationOfBenefits,
concurrentCare.

  --plan                      ${PLAN_TYPES.join(', ')}
  --level                     an appeal level of the plan type (e.g. redetermination, reconsideration), or a
                              QIO fast-track request (Medicare): ${FAST_TRACK_LEVELS.join(', ')}
  --notice-date               the date printed on the decision that opens the level
  --received-date             the day that decision arrived, when known
  --expedited                 an expedited request (refused where the level has none: Original Medicare)
  --state-fair-hearing-days N the state's fair-hearing window (used only where 42 CFR 438.408(f)(2) allows)
  --external-review-months N  the state's external-review window (at least 4)
  --window-days N             a payer's window (plan type other), with
  --window-unit               ${DAY_UNITS.join(' | ')} (default calendar)
  --count-from                ${WINDOW_STARTS.join(' | ')} (default notice)
  --appellant                 who files: ${APPELLANTS.join(', ')}; the route and the document it
                              needs are added (a contracted provider's payment dispute uses --window-days)
  --action                    what the payer did: ${MEDICAID_ACTIONS.join(', ')};
                              Medicaid adds continuationOfBenefits, only where services already authorized are cut
  --service-end               the last covered day (fast track, with --time-zone) or the end of an approved
                              course being cut (employer and marketplace plans: adds concurrentCare)
  --time-zone                 the clinic's IANA zone, for rules counted in hours: filingDeadlineTime gives the
                              time of day and zone
  --help                      this text

Exits 2 with one line on stderr for bad input or a combination that has no rule.`;

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

function readInput(argv: string[]): DeadlineQuestion | 'help' {
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
      appellant: { type: 'string' },
      action: { type: 'string' },
      'service-end': { type: 'string' },
      'time-zone': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const missing = (['plan', 'level', 'notice-date'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing --${missing.join(', --')}; ${USAGE}`);
  const plan = values.plan ?? '';
  if (!isPlanType(plan))
    throw new UsageError(`unknown plan type ${JSON.stringify(plan)}; expected one of ${PLAN_TYPES.join(', ')}`);
  // A fast-track request is asked for as a level; the engine answers it beside the ladder.
  const level = isOneOf(FAST_TRACK_LEVELS, values.level) ? values.level : requireLevel(plan, values.level);
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
    appellant: values.appellant,
    action: values.action,
    serviceEnd: values['service-end'],
    timeZone: values['time-zone'],
  };
}

function main(argv: string[]): number {
  try {
    const input = readInput(argv);
    if (input === 'help') {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    const output = answerFilingDeadline(input);
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
