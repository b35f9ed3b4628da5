/**
 * What a notice's words say about it beyond its fields (pure): which kind of plan sent it, and
 * whether its decision rests on criteria or automation.
 */
import type { PlanType } from '../deadlines/index.js';
import type { AutomatedReview, NoticeField, NoticePage } from './denial-notice.types.js';
import { contextOf, distinct, everywhere, oneOf, type Candidate } from './notice-scan.js';

/**
 * Words that name a kind of plan. `strong` words name it alone (a rating of high); the others are
 * used by more than one kind of plan and only point to it (medium).
 */
const PLAN_WORDS: { plan: PlanType; words: RegExp; strong: boolean }[] = [
  {
    plan: 'medicare_advantage',
    words: oneOf([
      'Medicare Advantage',
      'Notice of Denial of (?:Medical Coverage|Payment)',
      'Integrated Denial Notice',
      'Medicare health plan',
      'Medicare Part C',
      'CMS-10003',
    ]),
    strong: true,
  },
  { plan: 'medicare_advantage', words: /\b(?:HMO[- ]SNP|D-SNP|Special Needs Plan)\b/g, strong: false },
  {
    plan: 'medicare_ab',
    words: oneOf([
      'Original Medicare',
      'Medicare Summary Notice',
      'Medicare Administrative Contractor',
      'Medicare Redetermination Notice',
      'Qualified Independent Contractor',
    ]),
    strong: true,
  },
  {
    plan: 'medicare_part_d',
    words: /\b(?:Medicare Part D|Medicare prescription drug (?:plan|coverage))\b/gi,
    strong: true,
  },
  {
    plan: 'medicaid_managed_care',
    words: /\b(?:Medicaid (?:managed care|health plan|plan|MCO)|Medi-Cal|managed care organization)\b/gi,
    strong: true,
  },
  {
    plan: 'medicaid_managed_care',
    words: /\b(?:(?<!Medicare (?:&|and) )Medicaid|State Fair Hearing|CHIP)\b/g,
    strong: false,
  },
  {
    plan: 'erisa_group',
    words: /\b(?:ERISA|Employee Retirement Income Security Act|section 502\(a\))/gi,
    strong: true,
  },
  {
    plan: 'erisa_group',
    words: /\b(?:employer(?:-sponsored)? (?:group )?(?:health )?plan|group health plan|plan administrator)\b/gi,
    strong: false,
  },
  {
    plan: 'aca_individual',
    words: /\b(?:Health Insurance Marketplace|HealthCare\.gov|individual (?:health )?plan)\b/gi,
    strong: true,
  },
];

/** The kinds of plan the notice's words point to, each once, strongest reading first. */
export function planHints(pages: readonly NoticePage[]): NoticeField<PlanType>[] {
  const found: Candidate<PlanType>[] = [];
  for (const { plan, words, strong } of PLAN_WORDS)
    for (const f of everywhere(pages, words)) found.push({ value: plan, ...f, labelled: strong, valid: true });
  const fields = distinct(found, pages);
  return fields.sort((a, b) => Number(b.confidence === 'high') - Number(a.confidence === 'high'));
}

/**
 * Utilization-management vendors that review requests for plans under delegation, by the names
 * their notices print (a small list: the largest in imaging, post-acute care and prior authorization).
 */
const UM_VENDORS = [
  'eviCore',
  'Carelon',
  'AIM Specialty Health',
  'naviHealth',
  'Cohere Health',
  'HealthHelp',
  'Evolent',
  'Magellan',
];

const AUTOMATION = new RegExp(
  `\\b(?:InterQual|MCG|Milliman Care Guidelines|automated|automation|algorithms?|artificial intelligence|` +
    `predictive model|${UM_VENDORS.join('|')})\\b`,
  'gi',
);

/**
 * Whether the notice names criteria sets, automation or a utilization-management vendor, with every
 * place it does: what an appeal letter answers with a request for an individualized review.
 */
export function automatedReview(pages: readonly NoticePage[]): AutomatedReview {
  const words = everywhere(pages, AUTOMATION).map((f) => ({
    word: f.text,
    page: f.page,
    context: contextOf(pages.find((p) => p.page === f.page)?.text ?? '', f.index, f.text.length),
  }));
  return { flagged: words.length > 0, words };
}
