/**
 * Reads a FHIR R4 ClaimResponse, or a Bundle of them, as a payer API sends it (CMS-0057-F prior
 * authorization and claim status), into the same ClaimRecords as the 835 reader. The resource is
 * validated first (joi, with @medplum/fhirtypes' R4 shapes); an invalid one is refused whole with
 * the FHIR path of each problem, never a value.
 *
 * Mapping: the ClaimResponse identifier is the payer claim control number; its request the
 * provider's claim; each item (and addItem) a line, whose adjudications give the charge
 * (`submitted`), allowed (`eligible`) and paid (`benefit`) amounts; an adjudication reason coded in
 * the X12 CARC system is an adjustment (group CO unless the category is the patient's share), one in
 * the RARC system a remark code. FHIR names no claim status: a response that pays nothing and gives a
 * reason (or outcome `error`) is status 4, denied; any other is 1, processed.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import Joi from 'joi';
import type {
  ClaimResponse,
  ClaimResponseAddItem,
  ClaimResponseItem,
  ClaimResponseItemAdjudication,
  CodeableConcept,
  Money,
  Patient,
} from '@medplum/fhirtypes';
import { unprocessable } from '../platform/errors.js';
import { ClaimReadError, parseCents, parseFhirDate } from './remittance-values.js';
import type {
  Adjustment,
  ClaimLine,
  ClaimRecord,
  NamedParty,
  ProcedureCode,
  RemittanceHeader,
  RemittanceItem,
} from './remittance.types.js';

/** The code systems X12 registered with HL7 for CARCs and RARCs. */
export const CARC_SYSTEM = 'https://x12.org/codes/claim-adjustment-reason-codes';
export const RARC_SYSTEM = 'https://x12.org/codes/remittance-advice-remark-codes';
const ADJUDICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/adjudication';
const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
const PROCEDURE_SYSTEMS: Record<string, string> = {
  'http://www.ama-assn.org/go/cpt': 'HC',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HC',
  'http://www.nubc.org/patient-discharge': 'NU',
  'https://www.nubc.org/CodeSystem/RevenueCodes': 'NU',
};
// Adjudication categories that are the patient's share, whose reasons are group PR.
const PATIENT_SHARE = new Set(['copay', 'deductible', 'memberliability', 'paidbypatient']);

const money = Joi.object({ value: Joi.number().required(), currency: Joi.string().valid('USD') }).unknown(true);
const coding = Joi.object({ system: Joi.string(), code: Joi.string() }).unknown(true);
const concept = Joi.object({ coding: Joi.array().items(coding), text: Joi.string() }).unknown(true);
const reference = Joi.object({
  reference: Joi.string(),
  display: Joi.string(),
  identifier: Joi.object({ system: Joi.string(), value: Joi.string() }).unknown(true),
}).unknown(true);
const fhirDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}(T.*)?$/)
  .messages({ 'string.pattern.base': 'is not a date' });
const adjudication = Joi.object({
  category: concept.required(),
  reason: concept,
  amount: money,
}).unknown(true);
const period = Joi.object({ start: fhirDate, end: fhirDate }).unknown(true);

/** What the reader needs of a ClaimResponse, as R4 requires it (other elements pass through). */
const claimResponseSchema = Joi.object({
  resourceType: Joi.string().valid('ClaimResponse').required(),
  id: Joi.string(),
  identifier: Joi.array().items(Joi.object({ value: Joi.string() }).unknown(true)),
  status: Joi.string().valid('active', 'cancelled', 'draft', 'entered-in-error').required(),
  type: concept.required(),
  use: Joi.string().valid('claim', 'preauthorization', 'predetermination').required(),
  patient: reference.required(),
  created: fhirDate.required(),
  insurer: reference.or('display', 'identifier').required(),
  requestor: reference,
  request: reference,
  outcome: Joi.string().valid('queued', 'complete', 'error', 'partial').required(),
  item: Joi.array().items(
    Joi.object({
      itemSequence: Joi.number().integer().min(1).required(),
      adjudication: Joi.array().items(adjudication).min(1).required(),
    }).unknown(true),
  ),
  addItem: Joi.array().items(
    Joi.object({
      productOrService: concept.required(),
      modifier: Joi.array().items(concept),
      quantity: Joi.object({ value: Joi.number() }).unknown(true),
      servicedDate: fhirDate,
      servicedPeriod: period,
      adjudication: Joi.array().items(adjudication).min(1).required(),
    }).unknown(true),
  ),
  adjudication: Joi.array().items(adjudication),
  total: Joi.array().items(Joi.object({ category: concept.required(), amount: money.required() }).unknown(true)),
  payment: Joi.object({ amount: money, date: fhirDate, identifier: Joi.object().unknown(true) }).unknown(true),
  contained: Joi.array().items(Joi.object({ resourceType: Joi.string().required() }).unknown(true)),
})
  .or('id', 'identifier')
  .unknown(true);

const bundleSchema = Joi.object({
  resourceType: Joi.string().valid('Bundle').required(),
  entry: Joi.array()
    .items(Joi.object({ resource: Joi.object({ resourceType: Joi.string().required() }).unknown(true) }).unknown(true))
    .required(),
}).unknown(true);

function refuse(reason: string, fields: { field: string; message: string }[] = []) {
  return unprocessable('REMITTANCE_FHIR_INVALID', `The FHIR resource cannot be read: ${reason}`, fields);
}

function validated<T>(schema: Joi.Schema, value: unknown, at: string): T {
  const { error } = schema.validate(value, { abortEarly: false });
  if (error)
    throw refuse(
      'it is not a valid R4 ClaimResponse',
      // joi's own wording names the element and the rule, never the value it found.
      error.details.map((d) => ({
        field: [at, ...d.path].filter((p) => p !== '').join('.'),
        message: d.message.replace(/"/g, "'"),
      })),
    );
  return value as T;
}

/** The ClaimResponses a resource holds (itself, or a Bundle's), each validated, with its path. */
function claimResponses(resource: unknown): { response: ClaimResponse; at: string }[] {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (type === 'ClaimResponse') return [{ response: validated(claimResponseSchema, resource, ''), at: '' }];
  if (type !== 'Bundle') throw refuse('it is neither a ClaimResponse nor a Bundle of them');
  const bundle = validated<{ entry: { resource?: { resourceType: string } }[] }>(bundleSchema, resource, '');
  const found = bundle.entry.flatMap((entry, k) =>
    entry.resource?.resourceType === 'ClaimResponse'
      ? [
          {
            response: validated<ClaimResponse>(claimResponseSchema, entry.resource, `entry.${k}.resource`),
            at: `entry.${k}`,
          },
        ]
      : [],
  );
  if (found.length === 0) throw refuse('the Bundle holds no ClaimResponse');
  return found;
}

const cents = (m: Money | undefined, at: string) =>
  m?.value === undefined ? undefined : parseCents(String(m.value), at);
const codes = (c: CodeableConcept | undefined, system: string) =>
  (c?.coding ?? []).filter((x) => x.system === system && x.code).map((x) => x.code!);
const categoryOf = (a: ClaimResponseItemAdjudication) =>
  a.category.coding?.find((x) => x.system === ADJUDICATION_SYSTEM || !x.system)?.code ?? a.category.coding?.[0]?.code;

function adjustmentsOf(list: ClaimResponseItemAdjudication[], at: string): Adjustment[] {
  return list.flatMap((a, k) =>
    codes(a.reason, CARC_SYSTEM).map((reason): Adjustment => ({
      group: PATIENT_SHARE.has(categoryOf(a) ?? '') ? 'PR' : 'CO',
      reason,
      amount: cents(a.amount, `${at}.adjudication.${k}.amount`) ?? 0,
    })),
  );
}

function amountOf(list: ClaimResponseItemAdjudication[], category: string, at: string): number | undefined {
  const k = list.findIndex((a) => categoryOf(a) === category);
  return k < 0 ? undefined : cents(list[k].amount, `${at}.adjudication.${k}.amount`);
}

function procedureOf(item: ClaimResponseAddItem): ProcedureCode | undefined {
  const code = item.productOrService.coding?.find((c) => c.code);
  if (!code?.code) return undefined;
  return {
    qualifier: PROCEDURE_SYSTEMS[code.system ?? ''] ?? 'ZZ',
    code: code.code,
    modifiers: (item.modifier ?? []).flatMap((m) => m.coding?.[0]?.code ?? []).slice(0, 4),
  };
}

function lineOf(item: ClaimResponseItem | ClaimResponseAddItem, position: number, at: string): ClaimLine {
  const list = item.adjudication ?? [];
  const line: ClaimLine = {
    position,
    charge: amountOf(list, 'submitted', at) ?? 0,
    paid: amountOf(list, 'benefit', at) ?? 0,
    units: 1,
    adjustments: adjustmentsOf(list, at),
    remarkCodes: list.flatMap((a) => codes(a.reason, RARC_SYSTEM)),
    references: [],
    amounts: [],
    quantities: [],
  };
  const allowed = amountOf(list, 'eligible', at);
  if (allowed !== undefined) line.allowed = allowed;
  if (typeof item.itemSequence === 'number') line.lineControlNumber = String(item.itemSequence);
  if ('productOrService' in item) {
    const procedure = procedureOf(item);
    if (procedure) line.procedure = procedure;
    if (item.quantity?.value !== undefined) line.units = item.quantity.value;
    const start = item.servicedDate ?? item.servicedPeriod?.start;
    const end = item.servicedDate ?? item.servicedPeriod?.end ?? start;
    if (start) line.serviceStart = parseFhirDate(start, `${at}.servicedDate`);
    if (end) line.serviceEnd = parseFhirDate(end, `${at}.servicedDate`);
  }
  return line;
}

/**
 * A patient named only by the reference's `display`: "Family, Given" as payers print it, or
 * "Given Family"; a case needs both parts.
 */
function displayedName(display: string): NamedParty['name'] {
  const [family, given] = display.split(',').map((s) => s.trim());
  if (given) return { last: family, first: given };
  const words = display.trim().split(/\s+/);
  return words.length > 1 ? { last: words.at(-1)!, first: words.slice(0, -1).join(' ') } : { last: display.trim() };
}

function patientOf(r: ClaimResponse): NamedParty {
  const ref = r.patient.reference;
  const contained = ref?.startsWith('#')
    ? (r.contained?.find((c) => c.resourceType === 'Patient' && c.id === ref.slice(1)) as Patient | undefined)
    : undefined;
  const name = contained?.name?.[0];
  const memberId =
    contained?.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MB'))?.value ??
    r.patient.identifier?.value;
  const party: NamedParty = {
    name: name ? { last: name.family ?? '', first: name.given?.[0] } : displayedName(r.patient.display ?? ''),
  };
  if (memberId) Object.assign(party, { idQualifier: 'MI', id: memberId });
  return party;
}

function claimOf(r: ClaimResponse, position: number, at: string): ClaimRecord {
  const lines = [
    ...(r.item ?? []).map((item, k) => lineOf(item, k + 1, `${at}.item.${k}`)),
    ...(r.addItem ?? []).map((item, k) => lineOf(item, (r.item?.length ?? 0) + k + 1, `${at}.addItem.${k}`)),
  ];
  const total = (category: string) => {
    const k = (r.total ?? []).findIndex((t) => t.category.coding?.some((c) => c.code === category));
    return k < 0 ? undefined : cents(r.total![k].amount, `${at}.total.${k}.amount`);
  };
  const sum = (pick: (l: ClaimLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const adjustments = adjustmentsOf(r.adjudication ?? [], at);
  const paid = total('benefit') ?? sum((l) => l.paid);
  const reasons = adjustments.length + sum((l) => l.adjustments.length);
  const header: RemittanceHeader = {
    format: 'fhir',
    paymentAmount: cents(r.payment?.amount, `${at}.payment.amount`) ?? paid,
    payer: { name: r.insurer.display ?? r.insurer.identifier?.value ?? '' },
  };
  if (r.insurer.identifier?.value)
    Object.assign(header.payer, { id: r.insurer.identifier.value, idQualifier: r.insurer.identifier.system });
  if (r.payment?.date) header.paymentDate = parseFhirDate(r.payment.date, `${at}.payment.date`);
  if (r.payment?.identifier?.value) header.traceNumber = r.payment.identifier.value;
  if (r.requestor) {
    header.payee = { name: r.requestor.display ?? '' };
    if (r.requestor.identifier?.system === NPI_SYSTEM) header.payee.npi = r.requestor.identifier.value;
  }
  const patient = patientOf(r);
  const claim: ClaimRecord = {
    remittance: header,
    position,
    patientControlNumber: r.request?.identifier?.value ?? r.request?.reference ?? r.identifier?.[0]?.value ?? r.id!,
    status: paid === 0 && (reasons > 0 || r.outcome === 'error') ? '4' : '1',
    charge: total('submitted') ?? sum((l) => l.charge),
    paid,
    payerClaimControlNumber: r.identifier?.[0]?.value ?? r.id!,
    patient,
    adjustments,
    remarkCodes: (r.adjudication ?? []).flatMap((a) => codes(a.reason, RARC_SYSTEM)),
    references: [],
    amounts: [],
    quantities: [],
    lines,
  };
  if (patient.id) claim.memberId = patient.id;
  const share = [total('copay'), total('deductible')].filter((v): v is number => v !== undefined);
  if (share.length) claim.patientResponsibility = share.reduce((s, v) => s + v, 0);
  const starts = lines.flatMap((l) => l.serviceStart ?? []).sort();
  const ends = lines.flatMap((l) => l.serviceEnd ?? []).sort();
  if (starts.length) claim.serviceStart = starts[0];
  if (ends.length) claim.serviceEnd = ends.at(-1);
  return claim;
}

/**
 * The claims of a parsed FHIR resource (a ClaimResponse or a Bundle of them), one summary after each.
 *
 * @param resource - the parsed JSON
 * @throws AppError REMITTANCE_FHIR_INVALID (422) when the resource is not a valid R4 ClaimResponse or Bundle
 */
export function fhirRemittanceItems(resource: unknown): RemittanceItem[] {
  return claimResponses(resource).flatMap(({ response, at }, k): RemittanceItem[] => {
    let claim: ClaimRecord;
    try {
      claim = claimOf(response, k + 1, at || 'ClaimResponse');
    } catch (err) {
      // As in an 835: one response with an unreadable amount or date does not stop the others.
      if (!(err instanceof ClaimReadError)) throw err;
      return [{ kind: 'claim-problem', problem: { position: k + 1, element: err.element, reason: err.message } }];
    }
    return [
      { kind: 'claim', claim },
      { kind: 'remittance', summary: { header: claim.remittance, providerAdjustments: [], claims: 1, problems: 0 } },
    ];
  });
}

/**
 * Reads a FHIR ClaimResponse or Bundle (JSON) and yields the same items as the 835 reader. The
 * resource is read whole: a JSON document is only valid once it has ended.
 *
 * @param source - the file's path, or a stream of its bytes
 * @throws AppError REMITTANCE_FHIR_INVALID (422) for JSON that does not parse or a resource that is not valid
 */
export async function* readFhirRemittance(source: Readable | string): AsyncGenerator<RemittanceItem> {
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  let resource: unknown;
  try {
    resource = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw refuse('it is not JSON');
  }
  yield* fhirRemittanceItems(resource);
}
