/**
 * Which letter a case gets unless the user picks another. Pure. The order matters: the
 * level decides first (an external review is a different request whatever the denial was),
 * then urgency (an expedited appeal must say so up front), then a pending peer-to-peer
 * request, then the kind of denial.
 */
import type { BuiltinTemplate } from './letter-templates.js';

/** Levels decided outside the plan, where the letter asks for an independent review. */
const EXTERNAL_LEVELS = ['external_review', 'state_fair_hearing'];

const BY_CATEGORY: Record<string, BuiltinTemplate> = {
  medical_necessity: 'medical_necessity',
  prior_authorization: 'prior_authorization',
  experimental_investigational: 'experimental_investigational',
  coding: 'coding_correction',
  timely_filing: 'timely_filing',
  // A benefit exclusion is argued as a coverage (medical-necessity) appeal with an exception request.
  benefit_exclusion: 'medical_necessity',
  other: 'medical_necessity',
};

export function defaultTemplate(c: {
  appealLevel: string;
  priority: string;
  denial: { category: string };
  /** The case's open peer-to-peer call, if any. */
  peerToPeer?: { status: string } | null;
}): BuiltinTemplate {
  if (EXTERNAL_LEVELS.includes(c.appealLevel)) return 'external_review_request';
  if (c.priority === 'expedited') return 'expedited_appeal';
  if (c.peerToPeer?.status === 'requested') return 'p2p_request';
  return BY_CATEGORY[c.denial.category] ?? 'medical_necessity';
}
