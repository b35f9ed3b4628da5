/**
 * The new-case form: its fields, and the conversion of the posted form (strings, codes typed
 * as lists) into the API's create-case body, validated with the API's own schema, with every
 * error mapped back to the form field it belongs to.
 */
import { createCaseBody, DENIAL_CATEGORIES, type NewCase } from '../cases/index.js';
import { PLAN_TYPES } from '../deadlines/index.js';
import { isObject } from '../platform/guards.js';
import { isoDate } from '../platform/http/common-schemas.js';
import { fieldErrors, fieldsWithoutBlanks } from './form-errors.js';
import { label } from './web-labels.js';
import type { SectionSpec } from './form-fields.js';
import type { AuthenticatedUser } from '../auth/index.js';

const choices = (values: readonly string[]) => values.map((value) => ({ value, text: label(value) }));

/** Whom the form offers: the treating clinician from the clinic's physicians, the assignee from everyone. */
export interface IntakePeople {
  physicians: AuthenticatedUser[];
  users: AuthenticatedUser[];
}

const personChoices = (people: AuthenticatedUser[]) =>
  people.map((p) => ({ value: p.id, text: `${p.name} (${label(p.role)})` }));

/**
 * The intake form; payer profiles (their own windows) are offered when the clinic has some. The
 * treating clinician is chosen from the clinic's users, so the case is theirs to see at once; a
 * physician outside the clinic is typed instead.
 */
export function intakeSections(profiles: { value: string; text: string }[], people: IntakePeople): SectionSpec[] {
  return [
    {
      legend: 'Patient',
      fields: [
        { key: 'patient.firstName', text: 'First name', required: true },
        { key: 'patient.lastName', text: 'Last name', required: true },
        { key: 'patient.dateOfBirth', text: 'Date of birth', type: 'date', required: true },
        { key: 'patient.sex', text: 'Sex', options: choices(['female', 'male', 'other', 'unknown']) },
        { key: 'patient.mrn', text: 'MRN', required: true },
      ],
    },
    {
      legend: 'Payer and plan',
      fields: [
        { key: 'payer.name', text: 'Payer', required: true },
        {
          key: 'payer.planType',
          text: 'Plan type',
          required: true,
          options: choices(PLAN_TYPES),
          hint: 'Decides the appeal levels and their deadlines',
        },
        ...(profiles.length
          ? [
              {
                key: 'payer.profileId',
                text: 'Payer profile',
                options: profiles,
                hint: 'Its own appeal and peer-to-peer windows',
              },
            ]
          : []),
        { key: 'payer.memberId', text: 'Member ID', required: true },
        { key: 'payer.groupNumber', text: 'Group number' },
        { key: 'payer.state', text: 'State whose rules apply', hint: 'Two letters, e.g. OH' },
        { key: 'payer.fax', text: 'Appeals fax', type: 'tel' },
        { key: 'payer.appealsAddress.line1', text: 'Appeals address', wide: true, hint: 'Where the appeal is mailed' },
        { key: 'payer.appealsAddress.line2', text: 'Appeals address, second line', wide: true },
        { key: 'payer.appealsAddress.city', text: 'City' },
        { key: 'payer.appealsAddress.state', text: 'State', hint: 'Two letters, e.g. WA' },
        { key: 'payer.appealsAddress.postalCode', text: 'ZIP code' },
      ],
    },
    {
      legend: 'Denied service',
      fields: [
        {
          key: 'service.cptCodes',
          text: 'CPT / HCPCS codes',
          required: true,
          hint: 'Separate several with commas, e.g. 97110, 97140',
        },
        { key: 'service.icd10Codes', text: 'ICD-10 codes', hint: 'e.g. M54.16, M51.26' },
        { key: 'service.description', text: 'Service description', required: true, wide: true },
        { key: 'service.dateOfService', text: 'Date of service', type: 'date' },
        {
          key: 'service.dateOfServiceEnd',
          text: 'Last date of service',
          type: 'date',
          hint: 'For a range, or the planned end of a course asked for in advance',
        },
        { key: 'service.claimNumber', text: 'Claim number' },
        { key: 'service.authorizationNumber', text: 'Authorization number' },
        { key: 'service.billedAmount', text: 'Billed amount (USD)', type: 'number', step: '0.01' },
        {
          key: 'service.requestType',
          text: 'Request type',
          options: choices(['pre_service', 'post_service', 'payment', 'part_b_drug', 'coverage']),
        },
      ],
    },
    {
      legend: 'Denial',
      fields: [
        { key: 'denial.noticeDate', text: 'Date on the notice', type: 'date', required: true },
        { key: 'denial.receivedDate', text: 'Date received', type: 'date', hint: 'Some windows count from receipt' },
        { key: 'denial.category', text: 'Denial category', required: true, options: choices(DENIAL_CATEGORIES) },
        { key: 'denial.carc', text: 'CARC codes', hint: 'With the group when shown, e.g. CO-50' },
        { key: 'denial.rarc', text: 'RARC codes', hint: 'e.g. N386' },
        { key: 'denial.referenceNumber', text: 'Payer reference number' },
        {
          key: 'denial.printedAppealDeadline',
          text: 'Appeal deadline printed on the notice',
          type: 'date',
          hint: 'Compared with the computed one; the earlier governs until someone decides',
        },
        { key: 'denial.reviewer.name', text: 'The payer’s reviewer', hint: 'Who signed the denial' },
        { key: 'denial.reviewer.credentials', text: 'Reviewer’s credentials', hint: 'e.g. MD, FACS' },
        {
          key: 'denial.criteriaCited',
          text: 'Criteria the payer names',
          wide: true,
          hint: 'e.g. InterQual; MCG A-0310; LCD L33718; Plan policy CP.MP.107',
        },
        {
          key: 'denial.payerReason',
          text: 'The payer’s stated reason, in its words',
          required: true,
          multiline: true,
          wide: true,
        },
      ],
    },
    {
      legend: 'Peer-to-peer offer',
      fields: [
        { key: 'denial.peerToPeerOffer.phone', text: 'Payer’s peer-to-peer line', type: 'tel' },
        { key: 'denial.peerToPeerOffer.window', text: 'When the payer takes the call', wide: true },
        {
          key: 'p2p.lastDate',
          text: 'Last day for the call',
          type: 'date',
          hint:
            'With a date, the case opens with a peer-to-peer request for the treating clinician, on the ' +
            'peer-to-peer worklist; leave it empty to decide later',
        },
      ],
    },
    {
      legend: 'Treating clinician and handling',
      fields: [
        {
          key: 'treatingClinician.userId',
          text: 'Treating clinician',
          options: personChoices(people.physicians),
          hint: 'They see the case in My cases at once',
        },
        {
          key: 'treatingClinician.name',
          text: 'Or a physician outside the clinic',
          hint: 'Their name, when they are not on the list',
        },
        { key: 'treatingClinician.npi', text: 'NPI', hint: '10 digits' },
        { key: 'treatingClinician.specialty', text: 'Specialty' },
        {
          key: 'assigneeId',
          text: 'Assigned to',
          options: personChoices(people.users),
          hint: 'Who works the appeal next',
        },
        {
          key: 'priority',
          text: 'Priority',
          required: true,
          options: choices(['standard', 'expedited']),
          hint: 'Expedited when waiting could seriously jeopardise the patient’s health',
        },
        {
          key: 'amountAtStake',
          text: 'Amount at stake (USD)',
          type: 'number',
          step: '0.01',
          hint: 'Defaults to the billed amount',
        },
        { key: 'note', text: 'First note on the timeline', multiline: true, wide: true },
      ],
    },
  ];
}

/** Splits "72148, 97110 97140" into codes; commas, spaces and new lines all separate. */
const codes = (value: unknown): string[] | undefined => {
  const list =
    typeof value === 'string'
      ? value
          .split(/[\s,;]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean)
      : [];
  return list.length ? list : undefined;
};

/** "CO-50" → group CO, code 50; a bare "50" has no group. */
function reasonCode(kind: 'CARC' | 'RARC', token: string) {
  const match = /^(CO|PR|OA|PI)-(.+)$/.exec(token);
  return match ? { kind, group: match[1], code: match[2] } : { kind, code: token };
}

/** The parts of a case; each is present (if empty) so that joi names every missing field in it. */
const SECTIONS = ['patient', 'payer', 'service', 'denial', 'treatingClinician'] as const;

/** The peer-to-peer call asked for with the case: the last day the notice gives for it. */
export interface IntakeCall {
  lastDate: string;
}

export interface IntakeResult {
  body?: NewCase;
  /** Present when the form gives the call's last day. */
  call?: IntakeCall;
  errors: Record<string, string>;
}

/** The call's last day, and whom it needs: a treating clinician from the clinic's list takes it. */
function readCall(p2p: unknown, clinician: Record<string, unknown>): { call?: IntakeCall; problem?: [string, string] } {
  const lastDate = isObject(p2p) ? p2p.lastDate : undefined;
  if (lastDate === undefined) return {};
  if (isoDate.validate(lastDate).error) return { problem: ['p2p.lastDate', 'This field must be a date'] };
  if (clinician.userId === undefined)
    return {
      problem: [
        'treatingClinician.userId',
        'Choose the treating clinician who takes the peer-to-peer call, or leave the call’s last day empty',
      ],
    };
  return { call: { lastDate: String(lastDate) } };
}

/**
 * The treating clinician chosen from the list carries their user id and name (a name typed as
 * well is theirs, not an outside physician's); an id not on the list is refused.
 */
function chooseClinician(clinician: Record<string, unknown>, physicians: AuthenticatedUser[]): string | undefined {
  if (clinician.userId === undefined) return undefined;
  const chosen = physicians.find((p) => p.id === clinician.userId);
  if (!chosen) return 'Choose a clinician from the list';
  clinician.name = chosen.name;
  return undefined;
}

/**
 * Converts and validates; `errors` is keyed by form field (e.g. `service.cptCodes`, `denial.carc`).
 * @param people - whom the form offered: a chosen clinician or assignee must be one of them
 */
export function readIntakeForm(form: Record<string, unknown>, people: IntakePeople): IntakeResult {
  const { p2p, ...body } = fieldsWithoutBlanks(form);
  delete body._csrf;
  const sections: Record<string, Record<string, unknown>> = {};
  for (const name of SECTIONS) {
    const value = body[name];
    body[name] = sections[name] = isObject(value) ? { ...value } : {};
  }
  const { service, denial, treatingClinician } = sections;
  const picked: Record<string, string> = {};
  const clinicianProblem = chooseClinician(treatingClinician, people.physicians);
  if (clinicianProblem) picked['treatingClinician.userId'] = clinicianProblem;
  if (body.assigneeId !== undefined && !people.users.some((u) => u.id === body.assigneeId))
    picked.assigneeId = 'Choose someone from the list';
  const { call, problem } = readCall(p2p, treatingClinician);
  if (problem) picked[problem[0]] ??= problem[1];
  service.cptCodes = codes(service.cptCodes);
  service.icd10Codes = codes(service.icd10Codes);
  const carc = codes(denial.carc) ?? [];
  const rarc = codes(denial.rarc) ?? [];
  delete denial.carc;
  delete denial.rarc;
  if (carc.length + rarc.length)
    denial.reasonCodes = [...carc.map((c) => reasonCode('CARC', c)), ...rarc.map((c) => reasonCode('RARC', c))];
  const { value, error } = createCaseBody.validate(body, { abortEarly: false, convert: true });
  if (!error && !Object.keys(picked).length) return { body: value, call, errors: {} };
  const errors: Record<string, string> = { ...picked };
  for (const [path, message] of Object.entries(error ? fieldErrors(error) : {}))
    errors[formField(path, carc.length)] ??= message;
  if (errors['treatingClinician.name'] && treatingClinician.name === undefined) {
    delete errors['treatingClinician.name'];
    errors['treatingClinician.userId'] ??=
      'Choose the treating clinician, or type the name of a physician outside the clinic';
  }
  return { errors };
}

/** The form field a schema path belongs to: list items collapse onto their list's input. */
export function formField(path: string, carcCount: number): string {
  const parts = path.split('.');
  if (parts[0] === 'denial' && parts[1] === 'reasonCodes')
    return Number(parts[2]) < carcCount ? 'denial.carc' : 'denial.rarc';
  if (parts[0] === 'service' && (parts[1] === 'cptCodes' || parts[1] === 'icd10Codes')) return `service.${parts[1]}`;
  return path;
}
