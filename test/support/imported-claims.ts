import { claimKeyOf, type ClaimLineRecord, type ImportedClaim } from '../../server/cases/index.js';

/** A service line of 20 Oct 2026 denied in full CO-50, under appeal and open; override any part. */
export function deniedLine(code: string, deniedCents: number, extra: Partial<ClaimLineRecord> = {}): ClaimLineRecord {
  return {
    procedure: { code, modifiers: [] },
    units: 1,
    serviceDate: '2026-10-20',
    chargeCents: deniedCents,
    paidCents: 0,
    deniedCents,
    adjustments: [{ group: 'CO', reason: '50', amountCents: deniedCents }],
    remarkCodes: [],
    underAppeal: true,
    resolution: { kind: 'open' },
    ...extra,
  };
}

/**
 * A claim of 20 Oct 2026 as an import hands it over: denied for medical necessity (CO-50) by Acme,
 * to appeal; the claim's money is its lines'. Override any part (`claim` is merged).
 */
export function importedClaim(
  claimNumber: string,
  lines: ClaimLineRecord[],
  overrides: Partial<Omit<ImportedClaim, 'claim'>> & { claim?: Partial<ImportedClaim['claim']> } = {},
): ImportedClaim {
  const { claim, ...rest } = overrides;
  const codes = lines.map((l) => l.procedure?.code ?? '');
  return {
    claimKey: claimKeyOf({ payer: '60054', payerClaimControlNumber: claimNumber, serviceStart: '2026-10-20' }),
    lines,
    patient: { firstName: 'Rowan', lastName: 'Ellery' },
    payer: { name: 'Acme Health Plan', planType: 'erisa_group' },
    service: { description: `Claim lines ${codes.join(', ')}`, cptCodes: codes },
    denial: {
      noticeDate: '2026-11-14',
      category: 'medical_necessity',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '50' }],
      payerReason: 'Remittance adjustment codes CO-50',
    },
    recommendation: { route: 'appeal', reason: 'medical necessity' },
    ...rest,
    claim: {
      patientControlNumber: 'OVT-2001',
      payerClaimControlNumber: claimNumber,
      status: '4',
      chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
      paidCents: lines.reduce((s, l) => s + l.paidCents, 0),
      serviceStart: '2026-10-20',
      ...claim,
    },
  };
}
