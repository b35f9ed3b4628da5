/**
 * The reason-code table as one lookup, and the reading of a code as payers and people write it
 * ("CO-50", "co50", "PR 1", "N115"). Pure: no I/O; the official wording an administrator loads
 * is laid over it by reason-code.service.ts.
 */
import { CARC_ROWS } from './carc-table.js';
import { RARC_M_ROWS } from './rarc-m-table.js';
import { RARC_N_ROWS } from './rarc-n-table.js';
import type { CodeRow, DenialCategory, ReasonCodeKind, ResolutionRoute } from './reason-code.types.js';

/** The adjustment group codes of an 835 CAS segment (CR is a correction or reversal). */
export const GROUP_CODES = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

/** One code of the table, in our words. */
export interface ReasonCodeEntry {
  kind: ReasonCodeKind;
  code: string;
  /** Our short description (never X12's wording). */
  description: string;
  /** The denial category it points to; null for codes that are not denials (payments, contractual, patient share). */
  category: DenialCategory | null;
  /** What a billing team usually does about it. */
  route: ResolutionRoute;
  /** Whether the usual route is an appeal. */
  appealable: boolean;
  /** Deactivated codes stay in the table so that old remittances still read. */
  status: 'current' | 'deactivated';
}

/** The list this table follows, for CONTEXT.md, the API and the closing note. */
export const TABLE_SOURCE = {
  carc: 'https://x12.org/codes/claim-adjustment-reason-codes',
  rarc: 'https://x12.org/codes/remittance-advice-remark-codes',
  retrieved: '2026-08-17',
} as const;

function entries(kind: ReasonCodeKind, rows: readonly CodeRow[]): [string, ReasonCodeEntry][] {
  return rows.map(([code, description, category, route, deactivated]) => [
    code,
    {
      kind,
      code,
      description,
      category,
      route,
      appealable: route === 'appeal',
      status: deactivated ? 'deactivated' : 'current',
    },
  ]);
}

// CARCs (numbers and A-, B-, D-, P-, W-, Y- codes) and RARCs (M, MA, N) never share a code.
const TABLE: ReadonlyMap<string, ReasonCodeEntry> = new Map([
  ...entries('CARC', CARC_ROWS),
  ...entries('RARC', [...RARC_M_ROWS, ...RARC_N_ROWS]),
]);

/** Every entry of one list (or both), in the published order. */
export function tableEntries(kind?: ReasonCodeKind): ReasonCodeEntry[] {
  return [...TABLE.values()].filter((e) => !kind || e.kind === kind);
}

/** A code as written on a remittance or typed by a person, read into its parts. */
export interface ReadCode {
  /** The adjustment group when one was written before a CARC ("CO" of "CO-50"). */
  group?: GroupCode;
  code: string;
}

// A group, then a separator or straight away a CARC ("CO-50", "CO 50", "CO50", "OA-B13", "COA1").
const GROUP_PREFIX = new RegExp(`^(${GROUP_CODES.join('|')})(?:[-\\s]+|(?=\\d|[ABDPWY]\\d))`);

/**
 * Reads "CO-50", "co 50", "CO50" or "50" as CARC 50 of group CO (or none), and "n115" as N115.
 * No CARC or RARC starts with a group's letters followed by a digit, so the reading is unambiguous.
 */
export function readReasonCode(written: string): ReadCode {
  const text = written.trim().toUpperCase();
  const prefix = GROUP_PREFIX.exec(text);
  return prefix ? { group: prefix[1] as GroupCode, code: text.slice(prefix[0].length) } : { code: text };
}

/** The table's entry for a code however written, or undefined when the table does not know it. */
export function findReasonCode(written: string): ReasonCodeEntry | undefined {
  return TABLE.get(readReasonCode(written).code);
}

/** Which list a code of this shape belongs to, known or not (RARCs start with M or N). */
export function kindOfCode(code: string): ReasonCodeKind {
  return /^(M|MA|N)\d/.test(code) ? 'RARC' : 'CARC';
}
