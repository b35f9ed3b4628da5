import Joi from 'joi';
import { DAY_UNITS, WINDOW_STARTS } from './payer-window.js';

/** A payer's own window as a request states it: the deadline route takes one, and payer profiles keep two. */
export const payerWindowSchema = Joi.object({
  days: Joi.number().integer().min(1).max(730).required(),
  unit: Joi.string()
    .valid(...DAY_UNITS)
    .required(),
  countFrom: Joi.string()
    .valid(...WINDOW_STARTS)
    .required(),
  label: Joi.string().max(200),
});
