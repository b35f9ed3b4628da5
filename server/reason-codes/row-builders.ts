/**
 * Row builders for the remark-code tables, one per usual meaning. A remark code explains a
 * CARC or carries a notice; its category and route are what a billing team would usually take
 * from it when it comes with a denial.
 */
import { CATEGORY as C, ROUTES as R, rowsOf } from './reason-code.types.js';

/** Information missing, incomplete or invalid: correct the claim and send it again. */
export const fix = rowsOf(C.other, R.rebill);
/** A coding problem: correct the codes and send the claim again. */
export const coding = rowsOf(C.coding, R.rebill);
/** A notice, an alert or a detail of payment: nothing to do about it by itself. */
export const note = rowsOf(null, R.none);
/** The payer doubts the need for the service: appeal with the clinical record. */
export const necessity = rowsOf(C.necessity, R.appeal);
/** Authorization or referral missing or exceeded: appeal (or ask for a retro-authorization). */
export const auth = rowsOf(C.auth, R.appeal);
/** Experimental, unproven or unapproved: appeal with the literature. */
export const experimental = rowsOf(C.experimental, R.appeal);
/** A benefit limit or exclusion: review whether to write it off or bill the patient. */
export const excluded = rowsOf(C.benefit, R.writeOff);
/** A coverage decision worth contesting: appeal. */
export const coverage = rowsOf(C.benefit, R.appeal);
/** Paid within something else or reduced by a payment rule: review the write-off. */
export const reduced = rowsOf(C.coding, R.writeOff);
/** Some other reason to look at before writing the amount off. */
export const review = rowsOf(C.other, R.writeOff);
/** Some other denial that is usually worth appealing. */
export const contest = rowsOf(C.other, R.appeal);
/** The patient's to pay. */
export const patient = rowsOf(null, R.patient);
/** A filing or appeal deadline missed. */
export const timely = rowsOf(C.timely, R.writeOff);
