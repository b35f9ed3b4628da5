/**
 * The payer profile form, as data: the payer's own windows, its peer-to-peer rules, the state
 * settings and where appeals go, in the words of the payers domain (see payers/CONTEXT.md).
 */
import { DAY_UNITS, WINDOW_STARTS } from '../deadlines/index.js';
import type { FieldSpec, SectionSpec } from './form-fields.js';
import { withoutBlanks } from './form-errors.js';
import type { FormFields } from './form-route.js';
import { fieldLabels, YES_NO } from './record-form.js';

const UNIT_NAMES: Record<(typeof DAY_UNITS)[number], string> = {
  calendar: 'Calendar days',
  business: 'Business days',
};
const START_NAMES: Record<(typeof WINDOW_STARTS)[number], string> = {
  notice: 'The date on the notice',
  receipt: 'The day the notice arrived',
};

/** A window's four fields: days, which days, counted from, and the label the deadline cites. */
function windowFields(key: string, what: string, hint: string): FieldSpec[] {
  return [
    { key: `${key}.days`, text: `${what}: days`, type: 'number', hint },
    {
      key: `${key}.unit`,
      text: `${what}: counted in`,
      options: DAY_UNITS.map((v) => ({ value: v, text: UNIT_NAMES[v] })),
    },
    {
      key: `${key}.countFrom`,
      text: `${what}: counted from`,
      options: WINDOW_STARTS.map((v) => ({ value: v, text: START_NAMES[v] })),
    },
    { key: `${key}.label`, text: `${what}: as the payer words it`, hint: 'Cited with the deadline' },
  ];
}

export const PAYER_SECTIONS: SectionSpec[] = [
  {
    legend: 'The payer',
    fields: [
      { key: 'name', text: 'Payer name', required: true, hint: 'As its notices print it' },
      {
        key: 'electronicPayerId',
        text: 'Payer ID on remittances',
        hint: 'As its 835s carry it (N1*PR): imported denials then take this profile’s appeal window',
      },
      { key: 'phone', text: 'Phone', type: 'tel' },
      { key: 'fax', text: 'Appeals fax', type: 'tel' },
      { key: 'portalUrl', text: 'Provider portal', hint: 'https://…' },
    ],
  },
  {
    legend: 'Where appeals go',
    fields: [
      { key: 'appealsAddress.line1', text: 'Address', wide: true },
      { key: 'appealsAddress.line2', text: 'Address, second line', wide: true },
      { key: 'appealsAddress.city', text: 'City' },
      { key: 'appealsAddress.state', text: 'State', hint: 'Two letters: MN' },
      { key: 'appealsAddress.postalCode', text: 'ZIP code' },
    ],
  },
  {
    legend: 'Appeal window',
    fields: windowFields('appealWindow', 'Appeal window', 'Its own window for employer and individual plans'),
  },
  {
    legend: 'Peer-to-peer',
    fields: [
      ...windowFields('p2pWindow', 'P2P window', 'The last day a call can be held when the notice prints none'),
      { key: 'p2pRules.onePerService', text: 'One call per service', options: YES_NO },
      { key: 'p2pRules.noneAfterAppealFiled', text: 'No call once the written appeal is filed', options: YES_NO },
      {
        key: 'p2pRules.postDecisionEducationalOnly',
        text: 'Post-decision calls are educational only',
        hint: 'A call after the determination cannot change it',
        options: YES_NO,
      },
      {
        key: 'p2pRules.notes',
        text: 'How to book a call',
        multiline: true,
        wide: true,
        hint: 'The P2P line, hours, who to ask for',
      },
    ],
  },
  {
    legend: 'State settings',
    fields: [
      {
        key: 'stateFairHearingDays',
        text: 'Medicaid state fair hearing window',
        hint: '42 CFR 438.408(f)(2) gives the enrollee 120 days; no state may set fewer',
        options: [{ value: '120', text: '120 days' }],
      },
      { key: 'externalReviewMonths', text: 'External review request: months', type: 'number', hint: '4 to 12' },
    ],
  },
  { legend: 'Notes', fields: [{ key: 'notes', text: 'Notes', multiline: true, wide: true }] },
];

export const PAYER_LABELS = fieldLabels(PAYER_SECTIONS);

/** The profile's fields, by the API's top-level names (`appealWindow`, not `appealWindow.days`). */
const TOP_LEVEL = [...new Set(PAYER_SECTIONS.flatMap((s) => s.fields.map((f) => f.key.split('.')[0])))];

/**
 * The form as the API's body: its nested names (`appealWindow[days]`) already give the API's
 * shape. On an edit, a field or a whole part (a window, the address) left blank is sent as null,
 * which clears it; otherwise a cleared box would leave the old value standing.
 */
export function payerBody(f: FormFields, editing: boolean): Record<string, unknown> {
  const { _csrf: _token, ...fields } = f;
  if (!editing) return fields;
  const body: Record<string, unknown> = { ...fields };
  for (const key of TOP_LEVEL) if (key !== 'name' && withoutBlanks(fields[key]) === undefined) body[key] = null;
  return body;
}
