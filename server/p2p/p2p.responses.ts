import Joi from 'joi';
import { isoDate, objectId, timestamp } from '../platform/http/common-schemas.js';
import { CASE_DEADLINE_KINDS, CASE_STATUSES } from '../cases/index.js';
import { APPEAL_LEVELS } from '../deadlines/index.js';
import { P2P_RESULTS, P2P_STATUSES, P2P_TIMINGS } from './p2p-review.model.js';
import { DURATIONS, exception, payerContact, reviewer, weekly, zone } from './p2p.schemas.js';

/** The call as booked: the instants, and the same times on the physician's wall clock (with offset). */
const call = {
  start: timestamp.required(),
  end: timestamp.required(),
  timeZone: zone.required(),
  dialIn: Joi.string(),
};

const historyEntry = Joi.object({
  at: timestamp.required(),
  byId: objectId.required(),
  byName: Joi.string().required(),
  event: Joi.string().required().description('requested, scheduled, rescheduled, cancelled, outcome'),
  fromStatus: Joi.string().valid(...P2P_STATUSES),
  toStatus: Joi.string()
    .valid(...P2P_STATUSES)
    .required(),
  previous: Joi.object(call).description('The call time that was replaced or cancelled'),
  note: Joi.string(),
});

const outcome = Joi.object({
  result: Joi.string()
    .valid(...P2P_RESULTS)
    .required(),
  timing: Joi.string()
    .valid(...P2P_TIMINGS)
    .required(),
  reviewerName: Joi.string(),
  notes: Joi.string(),
  agreed: Joi.string(),
  decisionReference: Joi.string().description('A win: the payer’s reference for its revised decision'),
  decisionDate: isoDate.description('A win: the date of the payer’s revised decision'),
  recordedAt: timestamp.required(),
  recordedById: objectId.required(),
});

/** One peer-to-peer review (p2p-view.ts): `scheduled` once booked, `outcome` once the call is over. */
export const peerToPeerReview = Joi.object({
  id: objectId.required(),
  caseId: objectId.required(),
  caseReference: Joi.string().required(),
  timing: Joi.string()
    .valid(...P2P_TIMINGS)
    .required(),
  window: Joi.object({
    lastDate: isoDate.required(),
    basis: Joi.string().required(),
    citation: Joi.string().required(),
    source: Joi.string().valid('payer_rule', 'notice').required(),
  }).required(),
  payerContact,
  payerReference: Joi.string(),
  physicianId: objectId.required(),
  physicianName: Joi.string().required(),
  reviewer,
  scheduled: Joi.object({ ...call, localStart: timestamp.required(), localEnd: timestamp.required() }),
  status: Joi.string()
    .valid(...P2P_STATUSES)
    .required(),
  history: Joi.array().items(historyEntry).required(),
  icsUid: Joi.string().required(),
  icsSequence: Joi.number().integer().min(0).required(),
  outcome,
  version: Joi.number().integer().min(0).required(),
  createdById: objectId.required(),
  createdAt: timestamp.required(),
  updatedAt: timestamp.required(),
});

export const reviewList = Joi.object({ reviews: Joi.array().items(peerToPeerReview).required() });

/** Requested reviews whose window closes soon, and cases whose window closes with none requested. */
export const windowsClosing = Joi.object({
  today: isoDate.required(),
  until: isoDate.required(),
  requested: Joi.array().items(peerToPeerReview).required(),
  notRequested: Joi.array()
    .items(
      Joi.object({
        caseId: objectId.required(),
        caseReference: Joi.string().required(),
        payerName: Joi.string().required(),
        caseStatus: Joi.string()
          .valid(...CASE_STATUSES)
          .required(),
        lastDate: isoDate.required(),
        basis: Joi.string().required(),
      }),
    )
    .required(),
});

export const proposedSlots = Joi.object({
  p2pId: objectId.required(),
  physicianId: objectId.required(),
  timeZone: zone.required(),
  lastDate: isoDate.required(),
  durationMinutes: Joi.number()
    .valid(...DURATIONS)
    .required(),
  slots: Joi.array()
    .items(
      Joi.object({
        start: timestamp.required(),
        end: timestamp.required(),
        localStart: timestamp.required(),
        localEnd: timestamp.required(),
      }),
    )
    .required(),
  note: Joi.string().description('Why there are no slots: the physician has set no weekly hours'),
});

/** A recorded outcome: the review, the case as it now stands, and its level's governing deadline. */
export const outcomeRecorded = Joi.object({
  review: peerToPeerReview.required(),
  case: Joi.object({
    id: objectId.required(),
    version: Joi.number().integer().min(0).required(),
    status: Joi.string()
      .valid(...CASE_STATUSES)
      .required(),
    appealLevel: Joi.string()
      .valid(...APPEAL_LEVELS)
      .required(),
  }).required(),
  levelDeadline: Joi.object({
    level: Joi.string()
      .valid(...APPEAL_LEVELS)
      .required(),
    kind: Joi.string()
      .valid(...CASE_DEADLINE_KINDS)
      .required(),
    dueDate: isoDate.required(),
    citation: Joi.string().required(),
  })
    .allow(null)
    .required(),
});

/** A physician's weekly hours and exceptions (version 0 and no hours until first set). */
export const physicianAvailability = Joi.object({
  physicianId: objectId.required(),
  physicianName: Joi.string().required(),
  timeZone: zone.required(),
  weekly: Joi.array().items(weekly).required(),
  exceptions: Joi.array().items(exception).required(),
  version: Joi.number().integer().min(0).required(),
  updatedAt: timestamp.required(),
});
