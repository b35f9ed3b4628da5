/**
 * Suggested talking points, the reviewer's likely counter-arguments, and tailored alternatives
 * to offer on a peer-to-peer call. Pure rules: from the denial category, how the case stands
 * against each guideline criterion, and what has been tried. Offering a tailored alternative
 * (fewer units, another site of care, a time-limited approval) is what patient advocates
 * recommend when a plan meets resistance: it gives the reviewer a way to say yes.
 */
import type { DenialCategory } from '../cases/index.js';

export interface CriterionStanding {
  title: string;
  criterionText: string;
  status: 'met' | 'not_met' | 'not_applicable';
}

export interface CallBrief {
  category: DenialCategory | string;
  criteria: CriterionStanding[];
  alternativesTried: { treatment: string; period?: string; outcome: string }[];
  service: { description: string; units?: number; siteOfCare?: string };
  /** Our physician's specialty, for the same-specialty reviewer request. */
  specialty?: string;
  patientImpact?: string;
  request?: string;
}

export interface CounterArgument {
  objection: string;
  response: string;
}

export interface CallPlan {
  talkingPoints: string[];
  counterArguments: CounterArgument[];
  alternativesToOffer: string[];
}

const CATEGORY_RULES: Record<string, { points: string[]; counters: CounterArgument[] }> = {
  medical_necessity: {
    points: ['Open with the clinical picture in one sentence, then state which policy criteria the record meets.'],
    counters: [
      {
        objection: 'The record does not show enough conservative treatment.',
        response: 'Name each treatment tried, for how long, and why it failed or was not tolerated.',
      },
    ],
  },
  prior_authorization: {
    points: [
      'Explain why authorization was not obtained beforehand (urgency, a change ' +
        'of plan during the procedure, or a payer error).',
      'Ask for a retroactive authorization: the service met the plan’s criteria at the time it was given.',
    ],
    counters: [
      {
        objection: 'No authorization was on file, so the claim is denied administratively.',
        response:
          'Ask whether the plan allows retro-authorization on review of medical necessity, and offer the records now.',
      },
    ],
  },
  experimental_investigational: {
    points: [
      'State the regulatory and guideline standing for this use: FDA labelling, ' +
        'compendia listing or national guideline category.',
      'Point to the peer-reviewed evidence for this indication and this patient’s characteristics.',
    ],
    counters: [
      {
        objection: 'The plan’s policy lists this use as investigational.',
        response:
          'Ask when the policy was last reviewed, and cite the guideline or compendium support that post-dates it.',
      },
    ],
  },
  coding: {
    points: [
      'Walk through the documentation that supports the code billed (history, examination, ' +
        'medical decision-making or time).',
    ],
    counters: [
      {
        objection: 'The documentation supports a lower level of service.',
        response: 'Point to the elements in the note that meet the billed level, line by line.',
      },
    ],
  },
  timely_filing: {
    points: [
      'Give the dates of the original submission with proof (clearinghouse acceptance report, portal confirmation).',
    ],
    counters: [
      {
        objection: 'The claim arrived after the filing limit.',
        response: 'Show the first accepted submission date and ask for the timely-filing exception.',
      },
    ],
  },
  benefit_exclusion: {
    points: [
      'Explain why the exclusion does not apply to this service as performed, or ' +
        'why the plan’s exception for medical necessity does.',
    ],
    counters: [
      {
        objection: 'The service is excluded under the member’s benefit plan.',
        response: 'Ask for the exact plan language and argue the service falls outside it, or request an exception.',
      },
    ],
  },
  other: { points: [], counters: [] },
};

const list = (items: string[]) => items.join('; ');

/** The talking points, counter-arguments and alternatives for one call. */
export function planCall(brief: CallBrief): CallPlan {
  const rules = CATEGORY_RULES[brief.category] ?? CATEGORY_RULES.other;
  const met = brief.criteria.filter((c) => c.status === 'met');
  const notMet = brief.criteria.filter((c) => c.status === 'not_met');
  const talkingPoints = [...rules.points];
  if (met.length)
    talkingPoints.push(
      `The record meets ${met.length} of ${brief.criteria.filter((c) => c.status !== 'not_applicable').length} ` +
        `applicable criteria: ${list(met.map((c) => c.title))}.`,
    );
  if (brief.alternativesTried.length) {
    const tried = brief.alternativesTried.map((a) => `${a.treatment}${a.period ? ` (${a.period})` : ''}: ${a.outcome}`);
    talkingPoints.push(`Already tried without success: ${list(tried)}.`);
  }
  if (brief.patientImpact) talkingPoints.push(`What a denial means for this patient: ${brief.patientImpact}`);
  if (brief.request) talkingPoints.push(`Close with the ask: ${brief.request}`);

  const counterArguments = [...rules.counters];
  for (const c of notMet)
    counterArguments.push({
      objection: `The record does not meet: ${c.title} (“${c.criterionText}”).`,
      response:
        'Explain why this criterion does not fit this patient, or what documentation ' +
        'will show it is met and when it will be sent.',
    });
  if (brief.category === 'medical_necessity' && !brief.alternativesTried.length)
    counterArguments.push({
      objection: 'Less intensive options have not been tried.',
      response: 'Explain why they are contraindicated or would delay necessary care.',
    });

  const alternativesToOffer: string[] = [];
  if (brief.service.units && brief.service.units > 1)
    alternativesToOffer.push(
      `Approve fewer units now (for example ${Math.ceil(brief.service.units / 2)} ` +
        `of ${brief.service.units}) with a reassessment before the rest.`,
    );
  alternativesToOffer.push(
    brief.service.siteOfCare
      ? `A lower-cost site of care than ${brief.service.siteOfCare} (outpatient, ` +
          `ambulatory surgery center or home), if clinically safe.`
      : 'A lower-cost site of care (outpatient, ambulatory surgery center or home), if clinically safe.',
  );
  alternativesToOffer.push('A time-limited approval with a reassessment date and agreed measures of progress.');
  alternativesToOffer.push(
    `A reviewer of the same specialty${brief.specialty ? ` (${brief.specialty})` : ''}, ` +
      `if this reviewer is not; several states now give that right.`,
  );
  alternativesToOffer.push('Ask exactly what documentation would satisfy the criteria, and by when it must be sent.');
  return { talkingPoints, counterArguments, alternativesToOffer };
}
