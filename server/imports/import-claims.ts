/**
 * A remittance's claim in the words of a case (pure): the claim key, the case to open for a
 * denial, and what a paid claim pays line by line.
 */
import { claimKeyOf, type CaseClaim, type ClaimLineRecord, type ImportedClaim, type PaidLine } from '../cases/index.js';
import { isDenialAdjustment, type ClaimDisposition, type ClaimLine, type ClaimRecord } from '../remittances/index.js';
import type { PlanType } from '../deadlines/index.js';

type Denial = Extract<ClaimDisposition, { kind: 'denied' | 'partly_denied' }>;

/** The payer a claim's key names: its id, or its name when the remittance gives none. */
export const keyPayerOf = (claim: ClaimRecord) => claim.remittance.payer.id ?? claim.remittance.payer.name;

/** The claim's key: the payer's id (or name), its claim number and the service dates. */
export const keyOfClaim = (claim: ClaimRecord) =>
  claimKeyOf({
    payer: keyPayerOf(claim),
    payerClaimControlNumber: claim.payerClaimControlNumber,
    serviceStart: claim.serviceStart,
    serviceEnd: claim.serviceEnd,
  });

// CLP06 claim filing indicator: Medicare Part A/B, Medicare risk HMO, Medicaid; the rest are told apart by the payer.
const PLAN_OF_FILING: Record<string, PlanType> = {
  MA: 'medicare_ab',
  MB: 'medicare_ab',
  '16': 'medicare_advantage',
  MC: 'medicaid_managed_care',
};

// CPT or HCPCS Level II, the shape a case's procedure codes take.
const CASE_PROCEDURE = /^(\d{4}[0-9FTU]|[A-V]\d{4})$/;

const isCode = (code: string) => /^[A-Z0-9]{1,6}$/.test(code);

/** The line's paid amount beyond nothing, what it still denies, keyed by procedure and date. */
export function paidLinesOf(claim: ClaimRecord): PaidLine[] {
  return claim.lines.map((line) => ({
    procedureCode: line.procedure?.code,
    serviceDate: line.serviceStart,
    paidCents: line.paid,
    deniedCents: line.adjustments.filter(isDenialAdjustment).reduce((sum, a) => sum + a.amount, 0),
  }));
}

function caseLine(
  line: Pick<ClaimLine, 'charge' | 'paid' | 'adjustments' | 'remarkCodes'> & Partial<ClaimLine>,
  denied: number,
): ClaimLineRecord {
  return {
    ...(line.procedure ? { procedure: { code: line.procedure.code, modifiers: line.procedure.modifiers } } : {}),
    units: line.units ?? 1,
    ...(line.serviceStart ? { serviceDate: line.serviceStart } : {}),
    chargeCents: line.charge,
    ...(line.allowed !== undefined ? { allowedCents: line.allowed } : {}),
    paidCents: line.paid,
    deniedCents: denied,
    adjustments: line.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amount })),
    remarkCodes: line.remarkCodes,
    underAppeal: denied > 0,
    resolution: { kind: 'open' },
  };
}

/**
 * What the remittance itself says of the denial: its codes, as printed. Letters and the case quote
 * this as the payer's words, so it must be the payer's, never our reading of the codes.
 */
function remittanceWords(codes: { kind: 'CARC' | 'RARC'; group?: string; code: string }[]): string {
  const listed = (kind: 'CARC' | 'RARC') =>
    codes
      .filter((c) => c.kind === kind)
      .map((c) => (c.group ? `${c.group}-${c.code}` : c.code))
      .join(', ');
  const [carcs, rarcs] = [listed('CARC'), listed('RARC')];
  return `Remittance adjustment codes ${carcs || 'none'}${rarcs ? `; remark codes ${rarcs}` : ''}`;
}

/**
 * The case to open for a denied or partly denied claim; `noticeDate` is the remittance's date,
 * `importId` the import it comes from (none in a dry run).
 */
export function importedClaimOf(
  claim: ClaimRecord,
  denial: Denial,
  noticeDate: string,
  importId: string | undefined,
): ImportedClaim {
  const header = claim.remittance;
  const lines = claim.lines.length
    ? claim.lines.map((line, k) => caseLine(line, denial.lines[k].deniedCents))
    : [caseLine({ ...claim, units: 1 }, denial.lines[0].deniedCents)];
  const procedures = [...new Set(claim.lines.flatMap((l) => (l.procedure ? [l.procedure.code] : [])))];
  const carcs = denial.denials.map((a) => ({
    kind: 'CARC' as const,
    ...(a.group === 'CR' ? {} : { group: a.group }),
    code: a.reason,
  }));
  const rarcs = [...claim.remarkCodes, ...claim.lines.flatMap((l) => l.remarkCodes)].map((code) => ({
    kind: 'RARC' as const,
    code,
  }));
  const seen = new Set<string>();
  const reasonCodes = [...carcs, ...rarcs].filter((c) => {
    const key = `${c.kind}:${'group' in c ? c.group : ''}-${c.code}`;
    if (!isCode(c.code) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const provider = claim.renderingProvider;
  const providerName = provider ? [provider.name.first, provider.name.last].filter(Boolean).join(' ') : undefined;
  const caseClaim: CaseClaim = {
    patientControlNumber: claim.patientControlNumber,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    status: claim.status,
    ...(header.payer.id ? { payerId: header.payer.id } : {}),
    chargeCents: claim.charge,
    paidCents: claim.paid,
    ...(claim.patientResponsibility !== undefined ? { patientResponsibilityCents: claim.patientResponsibility } : {}),
    ...(claim.serviceStart ? { serviceStart: claim.serviceStart } : {}),
    ...(claim.serviceEnd ? { serviceEnd: claim.serviceEnd } : {}),
    ...(providerName ? { renderingProvider: { name: providerName, npi: provider?.id } } : {}),
    ...(claim.facilityType ? { facilityType: claim.facilityType } : {}),
    ...(header.traceNumber ? { remittance: header.traceNumber } : {}),
    ...(importId ? { importId } : {}),
  };
  return {
    claimKey: keyOfClaim(claim),
    claim: caseClaim,
    lines,
    patient: { firstName: claim.patient.name.first ?? '', lastName: claim.patient.name.last },
    payer: {
      name: header.payer.name,
      planType: PLAN_OF_FILING[claim.filingIndicator ?? ''] ?? 'other',
      ...(claim.memberId ? { memberId: claim.memberId } : {}),
    },
    service: {
      description: procedures.length ? `Claim lines ${procedures.join(', ')}` : 'Claim with no service lines',
      cptCodes: procedures.filter((c) => CASE_PROCEDURE.test(c)),
      ...(claim.serviceStart ? { dateOfService: claim.serviceStart } : {}),
    },
    denial: {
      noticeDate,
      category: denial.category,
      reasonCodes: reasonCodes.slice(0, 30),
      payerReason: remittanceWords(reasonCodes),
    },
    ...(providerName ? { treatingClinician: { name: providerName, npi: provider?.id } } : {}),
    recommendation: denial.recommendation,
  };
}
