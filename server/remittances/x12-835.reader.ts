/**
 * Reads an X12 835 (health care claim payment/advice, 005010X221A1) as a stream and yields its
 * claims one at a time, so memory does not grow with the file. x12-parser splits the bytes into
 * segments with the separators the ISA declares; this module checks the envelope and turns the
 * segments of each claim (loop 2100) and its service lines (loop 2110) into ClaimRecords.
 *
 * A malformed envelope throws (REMITTANCE_ENVELOPE_INVALID, with the segment number) at the point
 * it is found, so claims before it may already have been yielded: the import treats the file as
 * refused whole. A claim that cannot be read is reported as a `claim-problem` and the reader goes on
 * at the next claim.
 */
import fs from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { X12parser } from 'x12-parser';
import { EnvelopeCheck, ISA_LENGTH, envelopeError, readIsaSeparators, type X12Segment } from './x12-envelope.js';
import {
  ClaimReadError,
  isAdjustmentGroup,
  isClaimStatus,
  parseCents,
  parseOptionalCents,
  parseQuantity,
  parseX12Date,
} from './remittance-values.js';
import type {
  Adjustment,
  ClaimLine,
  ClaimRecord,
  NamedParty,
  ProcedureCode,
  ProviderAdjustment,
  RemittanceHeader,
  RemittanceItem,
} from './remittance.types.js';

type Segment = X12Segment;

// CAS repeats (reason, amount, quantity) six times after the group code: CAS02-04 … CAS17-19.
const CAS_TRIPLETS = [2, 5, 8, 11, 14, 17];
// MOA03-07 and MIA05, MIA20-23 carry remark codes (RARCs).
const MOA_REMARKS = [3, 4, 5, 6, 7];
const MIA_REMARKS = [5, 20, 21, 22, 23];

/** Element n (1-based) of a segment; for a composite, its first component. */
const el = (s: Segment, n: number): string => s[n] ?? '';

/** The components of element n, in order (`HC:99213:25` is `['HC', '99213', '25']`). */
function components(s: Segment, n: number): string[] {
  const out = [el(s, n)];
  for (let k = 1; s[`${n}-${k}`] !== undefined; k++) out.push(s[`${n}-${k}`]);
  return out;
}

/** An element that must be there, or the claim cannot be read. */
function required(s: Segment, n: number): string {
  const v = el(s, n);
  if (v === '')
    throw new ClaimReadError(`${s.name}${String(n).padStart(2, '0')}`, `${s.name} lacks a required element`);
  return v;
}

const elementName = (s: Segment, n: number) => `${s.name}${String(n).padStart(2, '0')}`;
const cents = (s: Segment, n: number) => parseCents(required(s, n), elementName(s, n));
const optionalCents = (s: Segment, n: number) => parseOptionalCents(el(s, n), elementName(s, n));
const date = (s: Segment, n: number) => parseX12Date(required(s, n), elementName(s, n));

function adjustments(s: Segment): Adjustment[] {
  const group = el(s, 1);
  if (!isAdjustmentGroup(group))
    throw new ClaimReadError('CAS01', 'CAS01 is not an adjustment group code (CO, PR, OA, PI, CR)');
  const out: Adjustment[] = [];
  for (const at of CAS_TRIPLETS) {
    const reason = el(s, at);
    if (reason === '') continue;
    const adjustment: Adjustment = {
      group,
      reason,
      amount: cents(s, at + 1),
    };
    const quantity = el(s, at + 2);
    if (quantity !== '') adjustment.quantity = parseQuantity(quantity, elementName(s, at + 2));
    out.push(adjustment);
  }
  if (out.length === 0) throw new ClaimReadError('CAS02', 'CAS carries no reason code');
  return out;
}

function procedure(s: Segment, n: number): ProcedureCode {
  const parts = components(s, n);
  const name = elementName(s, n);
  if (!parts[0] || !parts[1]) throw new ClaimReadError(name, `${name} lacks a procedure code`);
  const modifiers: string[] = [];
  for (let k = 2; k < parts.length && k < 6; k++) if (parts[k] !== '') modifiers.push(parts[k]);
  return { qualifier: parts[0], code: parts[1], modifiers };
}

function party(s: Segment): NamedParty {
  const p: NamedParty = { name: { last: el(s, 3) } };
  if (el(s, 4)) p.name.first = el(s, 4);
  if (el(s, 5)) p.name.middle = el(s, 5);
  if (el(s, 7)) p.name.suffix = el(s, 7);
  if (el(s, 8)) p.idQualifier = el(s, 8);
  if (el(s, 9)) p.id = el(s, 9);
  return p;
}

function newLine(s: Segment, position: number): ClaimLine {
  const line: ClaimLine = {
    position,
    procedure: procedure(s, 1),
    charge: cents(s, 2),
    paid: cents(s, 3),
    units: el(s, 5) === '' ? 1 : parseQuantity(el(s, 5), 'SVC05'),
    adjustments: [],
    remarkCodes: [],
    references: [],
    amounts: [],
    quantities: [],
  };
  if (el(s, 4)) line.revenueCode = el(s, 4);
  if (el(s, 6)) line.billedProcedure = procedure(s, 6);
  return line;
}

function newClaim(s: Segment, position: number, remittance: RemittanceHeader): ClaimRecord {
  const status = required(s, 2);
  if (!isClaimStatus(status)) throw new ClaimReadError('CLP02', 'CLP02 is not a claim status code');
  const claim: ClaimRecord = {
    remittance,
    position,
    patientControlNumber: required(s, 1),
    status,
    charge: cents(s, 3),
    paid: cents(s, 4),
    payerClaimControlNumber: required(s, 7),
    patient: { name: { last: '' } },
    adjustments: [],
    remarkCodes: [],
    references: [],
    amounts: [],
    quantities: [],
    lines: [],
  };
  const patientResponsibility = optionalCents(s, 5);
  if (patientResponsibility !== undefined) claim.patientResponsibility = patientResponsibility;
  if (el(s, 6)) claim.filingIndicator = el(s, 6);
  if (el(s, 8)) claim.facilityType = el(s, 8);
  if (el(s, 9)) claim.frequency = el(s, 9);
  return claim;
}

/** Fills in what the claim's segments imply: the member id, and service dates from the lines. */
function finished(claim: ClaimRecord): ClaimRecord {
  if (!claim.patient.name.last) throw new ClaimReadError('NM1', 'the claim names no patient (NM1*QC)');
  const memberId =
    claim.subscriber?.id ?? (claim.patient.idQualifier === 'MI' ? claim.patient.id : undefined) ?? claim.patient.id;
  if (memberId) claim.memberId = memberId;
  if (!claim.serviceStart || !claim.serviceEnd) {
    const starts = claim.lines.map((l) => l.serviceStart).filter((d): d is string => !!d);
    const ends = claim.lines.map((l) => l.serviceEnd ?? l.serviceStart).filter((d): d is string => !!d);
    claim.serviceStart ??= starts.sort()[0] ?? claim.serviceEnd;
    claim.serviceEnd ??= ends.sort().at(-1) ?? claim.serviceStart;
  }
  return claim;
}

function providerAdjustments(s: Segment, position: number): ProviderAdjustment[] {
  const out: ProviderAdjustment[] = [];
  const fiscalPeriodEnd = el(s, 2) ? parseX12Date(el(s, 2), 'PLB02') : undefined;
  // PLB03/04 … PLB13/14: up to six (reason:reference, amount) pairs.
  for (let at = 3; at <= 13; at += 2) {
    const [reason, reference] = components(s, at);
    if (!reason) continue;
    const adjustment: ProviderAdjustment = {
      position,
      providerId: required(s, 1),
      reason,
      amount: cents(s, at + 1),
    };
    if (fiscalPeriodEnd) adjustment.fiscalPeriodEnd = fiscalPeriodEnd;
    if (reference) adjustment.reference = reference;
    out.push(adjustment);
  }
  return out;
}

/** One transaction set's reading: its header, the claim being assembled, its PLBs. */
class TransactionReader {
  header: RemittanceHeader;
  private loop: 'header' | 'payer' | 'payee' | 'detail' = 'header';
  private sawPayment = false;
  claim?: ClaimRecord;
  private line?: ClaimLine;
  /** A claim found unreadable: its remaining segments are passed over until the next claim. */
  skipping = false;
  readonly plb: ProviderAdjustment[] = [];
  claims = 0;
  problems = 0;

  constructor(controls: { interchange?: string; group?: string; transaction?: string }) {
    this.header = {
      format: '835',
      interchangeControlNumber: controls.interchange,
      groupControlNumber: controls.group,
      transactionControlNumber: controls.transaction,
      paymentAmount: 0,
      payer: { name: '' },
    };
  }

  /** Ends the claim being assembled, returning it when it was readable. */
  close(): ClaimRecord | undefined {
    const claim = this.claim;
    this.claim = undefined;
    this.line = undefined;
    this.skipping = false;
    if (!claim) return undefined;
    const done = finished(claim);
    this.claims++;
    return done;
  }

  /** Reads one segment of the transaction set (between ST and SE). */
  segment(s: Segment, position: number): void {
    switch (s.name) {
      case 'CLP':
        if (!this.sawPayment || !this.header.payer.name)
          throw envelopeError(position, 'a claim (CLP) comes before the payment (BPR) and payer (N1*PR)');
        this.loop = 'detail';
        this.claim = newClaim(s, position, this.header);
        return;
      case 'LX':
        this.loop = 'detail';
        return;
      case 'PLB':
        this.plb.push(...providerAdjustments(s, position));
        return;
    }
    if (this.loop !== 'detail') {
      try {
        return this.headerSegment(s);
      } catch (err) {
        // The payment and the parties belong to every claim: a fault there is the file's, not a claim's.
        if (err instanceof ClaimReadError) throw envelopeError(position, err.message);
        throw err;
      }
    }
    if (!this.claim) {
      if (['SVC', 'CAS', 'NM1', 'MOA', 'MIA'].includes(s.name))
        throw new ClaimReadError(s.name, `${s.name} appears before any claim (CLP)`);
      return;
    }
    this.claimSegment(s, this.claim, position);
  }

  private headerSegment(s: Segment): void {
    const h = this.header;
    switch (s.name) {
      case 'BPR':
        this.sawPayment = true;
        h.paymentAmount = parseCents(el(s, 2) || '0', 'BPR02');
        if (el(s, 1)) h.handling = el(s, 1);
        if (el(s, 3)) h.creditDebit = el(s, 3);
        if (el(s, 4)) h.paymentMethod = el(s, 4);
        if (el(s, 16)) h.paymentDate = parseX12Date(el(s, 16), 'BPR16');
        return;
      case 'TRN':
        if (el(s, 2)) h.traceNumber = el(s, 2);
        return;
      case 'DTM':
        if (el(s, 1) === '405') h.productionDate = parseX12Date(el(s, 2), 'DTM02');
        return;
      case 'N1':
        if (el(s, 1) === 'PR') {
          this.loop = 'payer';
          h.payer = { name: el(s, 2) };
          if (el(s, 4)) Object.assign(h.payer, { id: el(s, 4), idQualifier: el(s, 3) });
        } else if (el(s, 1) === 'PE') {
          this.loop = 'payee';
          h.payee = { name: el(s, 2) };
          if (el(s, 3) === 'XX') h.payee.npi = el(s, 4);
          if (el(s, 3) === 'FI') h.payee.tin = el(s, 4);
        }
        return;
      case 'REF':
        if (this.loop === 'payer' && el(s, 1) === '2U' && !h.payer.id)
          Object.assign(h.payer, { id: el(s, 2), idQualifier: '2U' });
        if (this.loop === 'payee' && el(s, 1) === 'TJ' && h.payee) h.payee.tin = el(s, 2);
        return;
    }
  }

  private claimSegment(s: Segment, claim: ClaimRecord, position: number): void {
    const line = this.line;
    switch (s.name) {
      case 'SVC':
        this.line = newLine(s, position);
        claim.lines.push(this.line);
        return;
      case 'CAS':
        (line ?? claim).adjustments.push(...adjustments(s));
        return;
      case 'NM1':
        if (line) return;
        if (el(s, 1) === 'QC') claim.patient = party(s);
        else if (el(s, 1) === 'IL') claim.subscriber = party(s);
        else if (el(s, 1) === '82') claim.renderingProvider = party(s);
        return;
      case 'MOA':
      case 'MIA':
        for (const at of s.name === 'MOA' ? MOA_REMARKS : MIA_REMARKS) if (el(s, at)) claim.remarkCodes.push(el(s, at));
        return;
      case 'LQ':
        if (line && el(s, 1) === 'HE') line.remarkCodes.push(required(s, 2));
        return;
      case 'REF':
        (line ?? claim).references.push({ qualifier: required(s, 1), value: el(s, 2) });
        if (line && el(s, 1) === '6R') line.lineControlNumber = el(s, 2);
        return;
      case 'AMT':
        (line ?? claim).amounts.push({ qualifier: required(s, 1), amount: cents(s, 2) });
        if (line && el(s, 1) === 'B6') line.allowed = cents(s, 2);
        return;
      case 'QTY':
        (line ?? claim).quantities.push({
          qualifier: required(s, 1),
          quantity: parseQuantity(required(s, 2), 'QTY02'),
        });
        return;
      case 'DTM':
        return this.dateSegment(s, claim, line);
    }
  }

  private dateSegment(s: Segment, claim: ClaimRecord, line: ClaimLine | undefined): void {
    const qualifier = el(s, 1);
    if (line) {
      // 472 is the service date; 150/151 the start and end of a service period.
      if (qualifier === '472') line.serviceStart = line.serviceEnd = date(s, 2);
      else if (qualifier === '150') line.serviceStart = date(s, 2);
      else if (qualifier === '151') line.serviceEnd = date(s, 2);
      return;
    }
    if (qualifier === '232') claim.serviceStart = date(s, 2);
    else if (qualifier === '233') claim.serviceEnd = date(s, 2);
    else if (qualifier === '050') claim.receivedDate = date(s, 2);
  }
}

/** The file's bytes from its ISA on, with the first 106 characters checked as an ISA header. */
async function checkedInterchange(source: AsyncIterator<Buffer | string>): Promise<Readable> {
  let head = Buffer.alloc(0);
  let start = 0;
  for (;;) {
    // Skip a byte-order mark and blank lines before the ISA; then wait for the whole ISA.
    if (start === 0 && head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
    while (start < head.length && head[start] <= 0x20) start++;
    if (head.length - start >= ISA_LENGTH) break;
    const next = await source.next();
    if (next.done) break;
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  readIsaSeparators(head.subarray(start, start + ISA_LENGTH).toString('latin1'));
  return Readable.from(
    (async function* () {
      // x12-parser learns the separators from its first chunk, so that chunk holds the whole ISA.
      yield head.subarray(start);
      try {
        for (let next = await source.next(); !next.done; next = await source.next()) yield Buffer.from(next.value);
      } finally {
        await source.return?.();
      }
    })(),
  );
}

/**
 * Reads an 835 and yields its claims, claim problems and payment-advice summaries in file order.
 *
 * @param source - the file's path, or a stream of its bytes
 * @returns an async iterator; stop early with `break` and the file is closed
 * @throws AppError REMITTANCE_ENVELOPE_INVALID (422) for a malformed envelope, naming the segment
 */
export async function* readX12Remittance(source: Readable | string): AsyncGenerator<RemittanceItem> {
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  const parser = new X12parser('utf8');
  const bytes = await checkedInterchange(input[Symbol.asyncIterator]());
  // Errors of either stream end the iteration below; a consumer's `break` closes both.
  pipeline(bytes, parser, () => undefined);

  const envelope = new EnvelopeCheck();
  let position = 0;
  let transaction: TransactionReader | undefined;
  for await (const s of parser as AsyncIterable<Segment>) {
    if (s.name === '') continue; // a blank line between segments
    position++;
    const wasIn = envelope.inTransaction;
    envelope.segment(position, s);
    if (!wasIn) {
      if (envelope.inTransaction) transaction = new TransactionReader(envelope.controls);
      continue;
    }
    const t = transaction!;
    const ends = s.name === 'SE' || s.name === 'CLP' || s.name === 'LX' || s.name === 'PLB';
    if (ends) {
      const at = t.claim?.position ?? position;
      try {
        const claim = t.close();
        if (claim) yield { kind: 'claim', claim };
      } catch (err) {
        yield problem(t, err, at);
      }
    }
    if (s.name === 'SE') {
      yield {
        kind: 'remittance',
        summary: { header: t.header, providerAdjustments: t.plb, claims: t.claims, problems: t.problems },
      };
      transaction = undefined;
      continue;
    }
    if (t.skipping) continue;
    try {
      t.segment(s, position);
    } catch (err) {
      yield problem(t, err, position);
      t.claim = undefined;
      t.skipping = true;
    }
  }
  envelope.end(position);
}

function problem(t: TransactionReader, err: unknown, position: number): RemittanceItem {
  if (!(err instanceof ClaimReadError)) throw err;
  t.problems++;
  return { kind: 'claim-problem', problem: { position, element: err.element, reason: err.message } };
}
