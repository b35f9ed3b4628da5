/**
 * Who files decides the route: the same denial is a member appeal when the patient (or someone for
 * the patient) files, a provider's appeal as a party when a non-contracted provider disputes payment,
 * and the contract's dispute process when a contracted provider does. Each answer names the document
 * the route needs and where the rule comes from.
 */
import { isOneOf } from '../platform/guards.js';
import type { AppealLevel, PlanType } from './appeal-levels.js';
import { isAutomaticLevel, requireLevel } from './appeal-levels.js';
import type { DecisionKind } from './appeal-rule.types.js';
import { DeadlineRuleError } from './deadline-rule.error.js';

/** Who files the appeal, in the clinic's words. */
export const APPELLANTS = [
  'patient',
  'representative',
  'treating_physician',
  'non_contracted_provider',
  'contracted_provider',
  'medicaid_provider_with_consent',
] as const;
export type Appellant = (typeof APPELLANTS)[number];

/**
 * - `member_appeal`: the plan's appeal levels, filed by or for the patient.
 * - `provider_party_appeal`: the same levels, filed by a provider who is itself a party.
 * - `provider_dispute`: the provider's contract with the payer; its window is on the payer profile.
 */
export type AppealRoute = 'member_appeal' | 'provider_party_appeal' | 'provider_dispute';

/** A document the route needs on file before the appeal goes out. */
export interface RequiredDocument {
  kind:
    | 'appointment_of_representative'
    | 'waiver_of_liability'
    | 'enrollee_written_consent'
    | 'authorized_representative_designation';
  name: string;
  citation: string;
}

/** The route an appellant takes, or why it may not file. */
export type AppellantRouteResult =
  | {
      allowed: true;
      route: AppealRoute;
      requiredDocument: RequiredDocument | null;
      notes: string[];
      basis: string;
      citation: string;
      /** Null only for the patient's own appeal, whose dates are those of the level's rule. */
      effectiveFrom: string | null;
      readIn: string;
    }
  | { allowed: false; reason: string; instead: Appellant | null; citation: string };

/** What {@link appellantRoute} needs. */
export interface AppellantRouteInput {
  plan: PlanType;
  level: AppealLevel;
  appellant: Appellant;
  /** What the request was for: a pre-service request, or payment for care given. */
  requestKind?: DecisionKind;
  /** An urgent (expedited) request. */
  expedited?: boolean;
}

const MEDICARE: readonly PlanType[] = ['medicare_ab', 'medicare_advantage', 'medicare_part_d'];
const NOT_READ = 'regulation text not read here; see the report';

const AOR: Record<'medicare_ab' | 'medicare_advantage' | 'medicare_part_d', RequiredDocument> = {
  medicare_ab: {
    kind: 'appointment_of_representative',
    name: 'Appointment of Representative (CMS-1696) or equivalent written notice',
    citation: '42 CFR 405.910',
  },
  medicare_advantage: {
    kind: 'appointment_of_representative',
    name: 'Appointment of Representative (CMS-1696) or equivalent written notice',
    citation: '42 CFR 422.561 ("representative"); 42 CFR 405.910',
  },
  medicare_part_d: {
    kind: 'appointment_of_representative',
    name: 'Appointment of Representative (CMS-1696) or equivalent written notice',
    citation: '42 CFR 423.560 ("representative"); 42 CFR 405.910',
  },
};

const CONSENT: RequiredDocument = {
  kind: 'enrollee_written_consent',
  name: "the enrollee's written consent to the provider (or representative) filing",
  citation: '42 CFR 438.402(c)(1)(ii)',
};

const DESIGNATION: RequiredDocument = {
  kind: 'authorized_representative_designation',
  name: "the plan's authorized representative designation, signed by the patient",
  citation: '29 CFR 2560.503-1(b)(4)',
};

const WAIVER: RequiredDocument = {
  kind: 'waiver_of_liability',
  name: 'Waiver of Liability statement (the provider waives any right to payment from the enrollee)',
  citation: '42 CFR 422.574(b)',
};

type Allowed = Extract<AppellantRouteResult, { allowed: true }>;

function allowed(
  route: AppealRoute,
  requiredDocument: RequiredDocument | null,
  r: Omit<Allowed, 'allowed' | 'route' | 'requiredDocument'>,
): Allowed {
  return { allowed: true, route, requiredDocument, ...r };
}

function refused(reason: string, citation: string, instead: Appellant | null): AppellantRouteResult {
  return { allowed: false, reason, instead, citation };
}

function medicarePlan(plan: PlanType): plan is 'medicare_ab' | 'medicare_advantage' | 'medicare_part_d' {
  return MEDICARE.includes(plan);
}

function representative(plan: PlanType): AppellantRouteResult {
  if (medicarePlan(plan)) {
    return allowed('member_appeal', AOR[plan], {
      notes: ["the representative files for the patient, with the patient's rights"],
      basis: 'a representative files the member appeal once an appointment is on file',
      citation: AOR[plan].citation,
      effectiveFrom: '2005-05-01',
      readIn: `CMS-1696 practice from plan manuals; ${NOT_READ}`,
    });
  }
  if (plan === 'medicaid_managed_care') {
    return allowed('member_appeal', CONSENT, {
      notes: ['"If State law permits and with the written consent of the enrollee"'],
      basis: "an authorized representative files for the enrollee with the enrollee's written consent",
      citation: CONSENT.citation,
      effectiveFrom: '2017-07-01',
      readIn: 'state contracts restating 438.402(c)(1)(ii) after the 2016 rule',
    });
  }
  if (plan === 'erisa_group' || plan === 'aca_individual') {
    return allowed('member_appeal', DESIGNATION, {
      notes: ['the plan may set reasonable procedures for recognizing an authorized representative'],
      basis: "an authorized representative files the internal appeal under the plan's procedures",
      citation: DESIGNATION.citation,
      effectiveFrom: '2002-07-01',
      readIn: NOT_READ,
    });
  }
  return allowed('member_appeal', null, {
    notes: ["the payer's own rules say what a representative must file"],
    basis: "plan type other: the payer's rules govern representatives",
    citation: 'payer policy',
    effectiveFrom: null,
    readIn: 'payer profile',
  });
}

function treatingPhysician(input: AppellantRouteInput): AppellantRouteResult {
  const { plan, level } = input;
  const preService = (input.requestKind ?? 'pre_service') === 'pre_service';
  if (plan === 'medicare_advantage' && level === 'reconsideration' && preService) {
    return allowed('member_appeal', null, {
      notes: [
        '"upon providing notice to the enrollee": the physician must tell the enrollee it is filing',
        'a payment request needs an appointment or the waiver route',
      ],
      basis: 'a treating physician may ask for a pre-service reconsideration for the enrollee without being appointed',
      // The section is one undivided paragraph in the current text; it has no (c).
      citation: '42 CFR 422.578',
      // As revised by 74 FR 1542 (published 2009-01-12), the section's last amendment.
      effectiveFrom: '2009-01-12',
      readIn: 'eCFR text (lexbuild.dev copy, current to 2026-04-05)',
    });
  }
  if (plan === 'medicare_part_d' && level === 'redetermination') {
    return allowed('member_appeal', null, {
      notes: ['the prescriber files for the enrollee'],
      basis: 'a prescribing physician may ask for a Part D redetermination for the enrollee',
      citation: '42 CFR 423.580',
      effectiveFrom: '2006-01-01',
      readIn: `a plan's provider appeal form quoting CMS Parts C & D guidance; ${NOT_READ}`,
    });
  }
  if (medicarePlan(plan)) return representative(plan);
  if (plan === 'medicaid_managed_care') return representative(plan);
  if ((plan === 'erisa_group' || plan === 'aca_individual') && input.expedited === true) {
    return allowed('member_appeal', null, {
      notes: ["urgent care only: otherwise the plan's designation is needed"],
      basis:
        "for a claim involving urgent care, a health care professional who knows the patient's condition " +
        'may act as authorized representative',
      citation: '29 CFR 2560.503-1(b)(4)',
      effectiveFrom: '2002-07-01',
      readIn: NOT_READ,
    });
  }
  return representative(plan);
}

function provider(input: AppellantRouteInput, contracted: boolean): AppellantRouteResult {
  const { plan } = input;
  if (plan === 'medicare_ab') {
    return allowed('provider_party_appeal', null, {
      notes: ['Original Medicare has no network: a provider or supplier that billed the claim is a party to it'],
      basis: 'the provider appeals the claim as a party to the initial determination',
      citation: '42 CFR 405.906(a)',
      effectiveFrom: '2005-05-01',
      readIn: NOT_READ,
    });
  }
  if (plan === 'medicaid_managed_care') {
    return contracted
      ? allowed('provider_dispute', null, {
          notes: ['to appeal for the enrollee instead, file as medicaid_provider_with_consent'],
          basis:
            "a network provider disputes payment through the plan's provider dispute process " +
            '(contract and state rules)',
          citation: 'provider contract and state Medicaid rules (payer profile)',
          effectiveFrom: null,
          readIn: 'payer profile',
        })
      : refused(
          'a provider is not a party to a Medicaid enrollee appeal: it may file one only with the ' +
            "enrollee's written consent",
          CONSENT.citation,
          'medicaid_provider_with_consent',
        );
  }
  if (contracted) {
    return allowed('provider_dispute', null, {
      notes: ["the payer profile holds the contract's dispute window", "the member appeal stays the patient's"],
      basis: "a contracted provider disputes payment through its contract's dispute process, not the member appeal",
      citation: 'provider contract (payer profile)',
      effectiveFrom: null,
      readIn: 'payer profile',
    });
  }
  if (plan === 'medicare_advantage') {
    return allowed('provider_party_appeal', WAIVER, {
      notes: ["payment disputes only; a service the patient still needs is the patient's appeal"],
      basis:
        'a non-contracted provider that waives payment from the enrollee is a party and may ask for reconsideration',
      citation: WAIVER.citation,
      effectiveFrom: '1998-07-27',
      readIn: 'CFR annual edition 2015 (422.574(b)); waiver practice from CMS guidance as quoted by plans',
    });
  }
  return representative(plan);
}

/**
 * The route an appellant takes at a level, the document it needs on file, and the rule behind it;
 * or a refusal when that appellant may not file that level.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL, BAD_DECISION_KIND (an unknown appellant)
 */
export function appellantRoute(input: AppellantRouteInput): AppellantRouteResult {
  const level = requireLevel(input.plan, input.level);
  if (!isOneOf(APPELLANTS, input.appellant)) {
    throw new DeadlineRuleError(
      'BAD_DECISION_KIND',
      `appellant must be one of ${APPELLANTS.join(', ')}, got ${JSON.stringify(input.appellant)}`,
    );
  }
  if (isAutomaticLevel(input.plan, level)) {
    return refused('nothing is filed at this level: the plan forwards the case itself', '42 CFR 422.592', null);
  }
  switch (input.appellant) {
    case 'patient':
      return allowed('member_appeal', null, {
        notes: [],
        basis: 'the patient files the member appeal',
        citation: "the level's own rule (appeal-rules.ts)",
        effectiveFrom: null,
        readIn: 'appeal-rules.ts',
      });
    case 'representative':
      return representative(input.plan);
    case 'treating_physician':
      return treatingPhysician(input);
    case 'non_contracted_provider':
      return provider(input, false);
    case 'contracted_provider':
      return provider(input, true);
    case 'medicaid_provider_with_consent':
      if (input.plan !== 'medicaid_managed_care') {
        return refused('this route exists only in Medicaid managed care', CONSENT.citation, 'representative');
      }
      return allowed('member_appeal', CONSENT, {
        notes: [
          '"If State law permits"',
          'the provider cannot request continuation of benefits (42 CFR 438.420(b)(5)); the enrollee must',
        ],
        basis: 'a provider files the plan appeal or the state fair hearing for the enrollee with written consent',
        citation: CONSENT.citation,
        effectiveFrom: '2017-07-01',
        readIn: 'state contracts restating 438.402(c)(1)(ii) after the 2016 rule',
      });
  }
}
