/**
 * What the case routes answer, as joi schemas: the OpenAPI document shows them and the tests check
 * every answer against them. The parts a client sent (patient, payer, service…) are described by
 * the same field schemas that validate the request.
 */
import Joi from 'joi';
import { isoDate, objectId, timestamp } from '../platform/http/common-schemas.js';
import { APPEAL_LEVELS, appealRoute, FAST_TRACK_KINDS, requiredDocument } from '../deadlines/index.js';
import { DENIAL_CATEGORIES } from '../reason-codes/index.js';
import { CASE_STATUSES } from './case-status.js';
import { CASE_DEADLINE_KINDS, PRINTED_DEADLINE_CHOICES, TIMELINE_ENTRY_TYPES } from './case.types.js';
import {
  advocacyFields,
  appellant,
  caseClaim,
  claimLine,
  authorizationRequest,
  clinicianFields,
  denialFields,
  narrativeFields,
  patientFields,
  payerFields,
  requiring,
  serviceFields,
  statedReasonFields,
  measureFields,
} from './case.schemas.js';

const status = Joi.string().valid(...CASE_STATUSES);
const level = Joi.string().valid(...APPEAL_LEVELS);

const deadline = Joi.object({
  kind: Joi.string()
    .valid(...CASE_DEADLINE_KINDS)
    .required(),
  level: level.required(),
  dueDate: isoDate.required(),
  dueAt: timestamp,
  dueTime: Joi.string(),
  timeZone: Joi.string(),
  lastBusinessDay: Joi.string(),
  basis: Joi.string().required(),
  citation: Joi.string().required(),
  override: Joi.object({
    computedDueDate: isoDate,
    byUserId: objectId,
    byName: Joi.string(),
    at: timestamp,
    reason: Joi.string(),
  }),
  printed: Joi.object({ dueDate: isoDate, computedDueDate: isoDate }),
});

const timelineEntry = Joi.object({
  _id: objectId,
  at: timestamp.required(),
  actorId: Joi.string().required(),
  actorName: Joi.string().required(),
  type: Joi.string()
    .valid(...TIMELINE_ENTRY_TYPES)
    .required(),
  fromStatus: status,
  toStatus: status,
  level,
  fields: Joi.array().items(Joi.string()),
  ...advocacyFields,
});

const levelOutcome = Joi.object({
  level: level.required(),
  outcome: Joi.string().required(),
  decidedOn: isoDate,
  submittedAt: timestamp,
  recordedAt: timestamp,
  note: Joi.string(),
  via: Joi.string().valid('peer_to_peer'),
  reference: Joi.string(),
  reviewerName: Joi.string(),
  approved: Joi.string(),
});

const peerToPeerTrack = Joi.object({
  reviewId: objectId.required(),
  status: Joi.string().valid('requested', 'scheduled').required(),
  windowLastDate: isoDate.required(),
  scheduledStart: timestamp,
  timeZone: Joi.string(),
});

/** A stored fast-track notice: its received moment as given (a date, or a date and time). */
const fastTrack = Joi.object({
  kind: Joi.string()
    .valid(...FAST_TRACK_KINDS)
    .required(),
  noticeReceivedAt: Joi.string().required(),
  serviceEnd: isoDate.required(),
});

const caseRoute = Joi.object({
  appellant: appellant.required(),
  route: appealRoute.required(),
  requiredDocument: requiredDocument.allow(null).required(),
  basis: Joi.string().required(),
});

/** The fields a case has whether it is read whole or as a row of the list. */
const caseCore = {
  id: objectId.required(),
  version: Joi.number().integer().min(0).required(),
  reference: Joi.string().required(),
  status: status.required(),
  appealLevel: level.required(),
  priority: Joi.string().valid('standard', 'expedited').required(),
  appellant,
  amountAtStake: Joi.number().min(0),
  assigneeId: objectId.allow(null),
  // `system`: a case the import command made, in no user's name (scripts/import.ts).
  createdById: Joi.alternatives(objectId, Joi.string().valid('system')),
  peerToPeer: peerToPeerTrack,
  deadlines: Joi.array().items(deadline).required(),
  nextDueDate: isoDate,
  filingDeadlineMissing: level.description(
    'The level that must be filed with no filing deadline known: no rule gives its window and ' +
      'no date from the notice was entered',
  ),
  submittedAt: timestamp,
  closedAt: timestamp,
  createdAt: timestamp.required(),
  updatedAt: timestamp.required(),
};

/** A case read whole: what `GET /cases/:caseId` and every change answer. */
export const caseView = Joi.object({
  ...caseCore,
  // A case imported from a remittance has what the remittance names: no date of birth, record number or clinician.
  patient: Joi.when('claim', {
    is: Joi.exist(),
    then: requiring(patientFields, ['lastName']),
    otherwise: requiring(patientFields, ['firstName', 'lastName', 'dateOfBirth', 'mrn']),
  }).required(),
  payer: Joi.when('claim', {
    is: Joi.exist(),
    then: requiring(payerFields, ['name', 'planType']),
    otherwise: requiring(payerFields, ['name', 'planType', 'memberId']),
  }).required(),
  service: requiring(serviceFields, ['description']).required(),
  denial: requiring(
    {
      ...denialFields,
      adherenceCited: Joi.boolean().description(
        'Whether the payer’s reason cites missed visits or non-adherence (set by the service on every write)',
      ),
    },
    ['noticeDate', 'category', 'payerReason'],
  ).required(),
  treatingClinician: Joi.when('claim', {
    is: Joi.exist(),
    then: Joi.object(clinicianFields),
    otherwise: requiring(clinicianFields, ['name']).required(),
  }),
  claim: caseClaim.description('The claim an imported case came from; money in integer cents'),
  lines: Joi.array().items(claimLine).description('The claim’s service lines; money in integer cents'),
  narrative: Joi.object(narrativeFields).required(),
  statedReasons: Joi.array().items(Joi.object(statedReasonFields)),
  measures: Joi.array().items(Joi.object({ _id: objectId.required(), ...measureFields })),
  levelNotice: Joi.object({ noticeDate: isoDate, receivedDate: isoDate }),
  decisionExtension: Joi.object({
    level,
    days: Joi.number().integer(),
    noticeDate: isoDate,
    reason: Joi.string(),
    byUserId: objectId,
    byName: Joi.string(),
    at: timestamp,
  }),
  printedDeadlineDecision: Joi.object({
    choice: Joi.string().valid(...PRINTED_DEADLINE_CHOICES),
    byUserId: objectId,
    byName: Joi.string(),
    at: timestamp,
  }),
  levelHistory: Joi.array().items(levelOutcome).required(),
  fastTrack,
  authorizationRequest,
  allowedTransitions: Joi.array().items(status).required(),
  route: caseRoute.allow(null).required(),
  timeline: Joi.array().items(timelineEntry),
});

/** A row of the case list: the fields the list reads (never the timeline, narrative or identifiers). */
const caseRow = Joi.object({
  ...caseCore,
  patient: Joi.object({ firstName: patientFields.firstName.required(), lastName: patientFields.lastName.required() }),
  payer: Joi.object({
    name: payerFields.name.required(),
    planType: payerFields.planType.required(),
    profileId: payerFields.profileId,
  }),
  service: Joi.object({
    description: serviceFields.description.required(),
    cptCodes: serviceFields.cptCodes,
    requestType: serviceFields.requestType,
  }),
  denial: Joi.object({
    noticeDate: isoDate.required(),
    receivedDate: isoDate,
    category: Joi.string()
      .valid(...DENIAL_CATEGORIES)
      .required(),
    reasonCodes: denialFields.reasonCodes,
  }),
  treatingClinician: Joi.object({ name: clinicianFields.name, userId: clinicianFields.userId }),
  allowedTransitions: Joi.array().items(status).required(),
  route: caseRoute.allow(null).required(),
});

/** One page of the case list or a search. */
export const casePage = Joi.object({
  cases: Joi.array().items(caseRow).required(),
  page: Joi.number().integer().min(1).required(),
  limit: Joi.number().integer().min(1).required(),
  total: Joi.number().integer().min(0).required(),
});

/** The entry a note adds to the timeline. */
export const timelineNote = timelineEntry;

/** The deadline worklist: soonest first, and how many cases are due of those shown. */
export const worklistAnswer = Joi.object({
  deadlines: Joi.array()
    .items(
      Joi.object({
        caseId: objectId.required(),
        reference: Joi.string().required(),
        status: status.required(),
        appealLevel: level.required(),
        assigneeId: objectId.allow(null),
        payerName: Joi.string().required(),
        kind: Joi.string()
          .valid(...CASE_DEADLINE_KINDS)
          .required(),
        level: level.required(),
        dueDate: isoDate.required(),
        dueTime: Joi.string(),
        timeZone: Joi.string(),
        dueAt: timestamp,
        hoursLeft: Joi.number(),
        lastBusinessDay: Joi.string(),
        basis: Joi.string().required(),
        citation: Joi.string().required(),
        overdue: Joi.boolean().required(),
        daysLeft: Joi.number().integer().required(),
      }),
    )
    .required(),
  cases: Joi.number().integer().min(0).required(),
  casesShown: Joi.number().integer().min(0).required(),
});

/** The stated reasons proposed from the payer's words, for the user to confirm. */
export const reasonProposal = Joi.object({
  reasons: Joi.array()
    .items(Joi.object({ text: statedReasonFields.text, kind: statedReasonFields.kind.required() }))
    .required(),
});
