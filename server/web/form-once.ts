/**
 * A form that must not do its work twice (adding a user: a double click, a reload of the answer,
 * or a second tab must not add a second person). The page puts a random id in the form; a post
 * claims it by inserting it as a document's `_id`, which the database lets happen only once, so
 * two posts at the same moment cannot both pass. A claim whose work was refused is given back,
 * so the corrected form can be sent. Claims are kept a day, long after any page could be re-sent.
 */
import crypto from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { conflict } from '../platform/errors.js';

interface FormPostRecord {
  _id: string;
  at: Date;
}

const FormPostModel = mongoose.model<FormPostRecord>(
  'WebFormPost',
  new Schema<FormPostRecord>(
    { _id: { type: String, required: true }, at: { type: Date, required: true, index: true } },
    { versionKey: false },
  ),
  'web_form_posts',
);

const KEPT_MS = 24 * 60 * 60 * 1000;
const FORM_ID = /^[A-Za-z0-9_-]{22}$/;

/** A new id for one form shown on a page. */
export const newFormId = (): string => crypto.randomBytes(16).toString('base64url');

const isDuplicateKey = (err: unknown) => (err as { code?: number } | null)?.code === 11000;

/**
 * Does `work` once per form id: a second post of the same form is refused with a 409 that says
 * what happened (`already`), and does nothing.
 * @param formId - the id the page put in the form (its `_once` field)
 */
export async function doOnce<T>(formId: unknown, already: string, work: () => Promise<T>): Promise<T> {
  if (typeof formId !== 'string' || !FORM_ID.test(formId))
    throw conflict('FORM_EXPIRED', 'This form is out of date; it was shown again: check it and send it once more');
  const now = new Date();
  await FormPostModel.deleteMany({ at: { $lt: new Date(now.getTime() - KEPT_MS) } });
  try {
    await FormPostModel.create({ _id: formId, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('FORM_ALREADY_SENT', already);
    throw err;
  }
  try {
    return await work();
  } catch (err) {
    await FormPostModel.deleteOne({ _id: formId });
    throw err;
  }
}
