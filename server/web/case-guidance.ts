/**
 * What to do next on a case, and why a step the clinic may expect is not offered yet (pure): read
 * from the status, the appeal work done so far and what the user's role may do, so the case
 * file leads the work instead of leaving the user to guess from missing buttons.
 */
import type { CaseStatus } from '../cases/index.js';
import type { ResolutionRoute } from '../reason-codes/index.js';
import type { AppealWork } from './appeal-work.service.js';
import type { CaseFile } from './case-file.service.js';

export interface GuidanceInput {
  status: CaseStatus;
  appealLevel: string;
  documents: number;
  criteria: number;
  narrativeWritten: boolean;
  packets: { appealLevel: string; submitted: boolean }[];
  may: { upload: boolean; attach: boolean; generate: boolean; submit: boolean };
  /** An imported claim's recommended resolution from its codes, and why. */
  recommendation?: { route: ResolutionRoute; reason: string };
}

export interface Guidance {
  /** The next thing to do, in one sentence. */
  next: string;
  /** Steps not offered now, each with the reason. */
  notOffered: string[];
  /** Whether the "Record submission" form is shown beside an unsent packet. */
  offerSubmission: boolean;
}

const PREPARING: readonly CaseStatus[] = ['new', 'gathering_evidence', 'appeal_drafted'];

/** A new imported case whose codes point away from an appeal: that comes first, the appeal only if it is wrong. */
const NOT_AN_APPEAL: Partial<Record<ResolutionRoute, string>> = {
  correct_and_rebill:
    'The codes suggest correcting the claim and sending it again, not appealing: send the corrected claim, ' +
    'then close this case with a note; appeal only if the claim was right.',
  patient_responsibility:
    'The codes put this amount on the patient (their deductible, coinsurance or a non-covered service): bill ' +
    'the patient or close the case; appeal only if the plan applied the benefit wrongly.',
  write_off_review:
    'The codes suggest reviewing this for a write-off: record it on the line under Claim and lines once ' +
    'approved, or appeal if the payer is wrong.',
};

function preparingStep(input: GuidanceInput, packetReady: boolean): string {
  if (packetReady && input.status === 'appeal_drafted')
    return 'Send the packet to the payer, then record the submission under it: that starts the decision clock.';
  if (!input.documents) return 'Upload the records that show the service is needed (notes, imaging, prior treatment).';
  if (!input.criteria) return 'Attach the payer’s or the guideline’s criteria, each with the record that meets it.';
  if (!input.narrativeWritten) return 'Write the appeal narrative: the letter and the prep sheet use it.';
  return 'Generate the packet: the case then moves to appeal drafted.';
}

/** After filing: the status alone says what comes next. */
const AFTER_FILING: Partial<Record<CaseStatus, string>> = {
  submitted: 'Wait for the payer’s decision; record it under Change status when the notice arrives.',
  awaiting_decision: 'Wait for the payer’s decision; record it under Change status when the notice arrives.',
  overturned: 'Close the case once the service is approved or paid.',
  upheld: 'Appeal to the next level, by the deadline shown, or close the case.',
  partially_overturned: 'Appeal the rest at the next level, by the deadline shown, or close the case.',
};

export function caseGuidance(input: GuidanceInput): Guidance {
  const unsent = input.packets.filter((p) => !p.submitted && p.appealLevel === input.appealLevel);
  const preparing = PREPARING.includes(input.status);
  const offerSubmission = input.may.submit && input.status === 'appeal_drafted' && unsent.length > 0;
  const notOffered: string[] = [];
  if (preparing && !offerSubmission) {
    if (!unsent.length)
      notOffered.push('Record submission appears once a packet is generated; generating it drafts the appeal.');
    else if (input.status !== 'appeal_drafted')
      notOffered.push('Record submission appears once the case is appeal drafted (Change status).');
    else notOffered.push('Your role may not record a submission; billing, the clinician or an administrator can.');
  }
  if (preparing && !input.may.generate)
    notOffered.push('Your role may not generate packets; billing, the clinician or an administrator can.');
  const instead = input.status === 'new' && input.recommendation && NOT_AN_APPEAL[input.recommendation.route];
  return {
    next: instead
      ? `${instead} (${input.recommendation!.reason})`
      : preparing
        ? preparingStep(input, unsent.length > 0)
        : (AFTER_FILING[input.status] ?? 'Nothing more to do on this case.'),
    notOffered,
    offerSubmission,
  };
}

/** The guidance for the case file as loaded (the case, then its appeal work). */
export function guidanceOf(file: CaseFile, work: AppealWork): Guidance {
  const narrative = file.record.narrative;
  return caseGuidance({
    status: file.record.status,
    appealLevel: file.record.appealLevel,
    documents: work.documents.length,
    criteria: work.criteria.length,
    narrativeWritten: Boolean(narrative?.medicalNecessity || narrative?.clinicalSummary),
    // A draft is no packet to send (the API refuses its submission): the next step is still to generate one.
    packets: work.packets
      .filter((p) => !p.draft)
      .map((p) => ({ appealLevel: p.appealLevel, submitted: Boolean(p.submission) })),
    may: work.may,
    recommendation: file.record.claim?.recommendation,
  });
}
