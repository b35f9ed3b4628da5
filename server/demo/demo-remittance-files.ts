import { addDays } from '../platform/clock.js';

/**
 * The two remittances (X12 835, 005010X221A1) the demo imports, written out segment by segment as
 * Regional Community Plan's clearinghouse would send them to the practice, with their dates filled
 * in relative to the demo's today. Kept as code rather than as .835 files because `npm start` runs
 * the compiled dist/, which holds only what TypeScript compiles (and the web views).
 *
 * The first, paid 40 days ago, holds five claims: an epidural denied for want of authorization
 * (CO-197), electrodiagnostics denied as not medically necessary (CO-50, N661), a therapy visit
 * whose manual therapy is bundled into the other codes (CO-97, M80), a follow-up visit adjusted by
 * contract alone (CO-45 and a copay) and a new-patient visit left to the deductible (PR-1). The
 * second, paid 4 days ago, pays the electrodiagnostics after the clinic's appeal, and one routine visit.
 * Patients, member ids and claim numbers are invented.
 */

/** The payer's claim number of the electrodiagnostic claim the second remittance pays after appeal. */
export const APPEALED_CLAIM = 'RCP2609417730';

/** Days before today each remittance was paid (BPR16), which the import takes as the denial's notice date. */
export const PAID_DAYS_AGO = { denials: 40, afterAppeal: 4 } as const;

/** The practice as the payee names it: the letterhead's name and group NPI. */
export interface Payee {
  name: string;
  npi: string;
}

const PAYER = ['N1*PR*REGIONAL COMMUNITY PLAN', 'N3*200 MAIN ST', 'N4*WORCESTER*MA*01608', 'REF*2U*RCP01'];
const PAYER_CONTACT = 'PER*BL*PROVIDER SERVICES*TE*5085550190';
const FEDERAL_TAX_ID = '043219876';

/** CCYYMMDD, `days` before `today` (an ISO date). */
const ccyymmdd = (today: string, days: number) => addDays(today, -days).replaceAll('-', '');

/**
 * Wraps transaction bodies (the segments between ST and SE, without them) in their ST/SE, one
 * GS/GE and the ISA/IEA, counting segments and claims as the trailers must.
 */
function interchange(control: number, producedOn: string, bodies: string[][]): string {
  const isaControl = String(control).padStart(9, '0');
  const date = producedOn.replaceAll('-', '');
  const segments = [
    // The ISA is fixed-width: sender and receiver ids padded to 15 characters.
    ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', 'RCPCLEARING'.padEnd(15), 'ZZ']
      .concat(['NORTHSIDESPINE'.padEnd(15), date.slice(2), '0615', '^', '00501', isaControl, '0', 'P', ':'])
      .join('*'),
    `GS*HP*RCPCLEARING*NORTHSIDESPINE*${date}*0615*${control}*X*005010X221A1`,
  ];
  bodies.forEach((body, k) => {
    const st = String(k + 1).padStart(4, '0');
    segments.push(`ST*835*${st}*005010X221A1`, ...body, `SE*${body.length + 2}*${st}`);
  });
  segments.push(`GE*${bodies.length}*${control}`, `IEA*1*${isaControl}`);
  return `${segments.join('~\n')}~\n`;
}

/** The payment, its trace number, the payer and the payee: the header of each payment advice. */
function header(
  amount: string,
  method: 'ACH' | 'CHK',
  trace: string,
  paidOn: string,
  producedOn: string,
  payee: Payee,
) {
  const payment =
    method === 'ACH'
      ? `BPR*I*${amount}*C*ACH*CCP*01*011000390*DA*3300917745*1043219876**01*211370545*DA*0049127736*${paidOn}`
      : `BPR*I*${amount}*C*CHK************${paidOn}`;
  return [
    payment,
    `TRN*1*${trace}*1043219876`,
    `DTM*405*${producedOn}`,
    ...PAYER,
    PAYER_CONTACT,
    `N1*PE*${payee.name.toUpperCase()}*XX*${payee.npi}`,
    `REF*TJ*${FEDERAL_TAX_ID}`,
  ];
}

/** The first remittance: five claims, three of them denied in whole or in part. */
export function denialsRemittance(today: string, payee: Payee): string {
  const paid = PAID_DAYS_AGO.denials;
  const d = (days: number) => ccyymmdd(today, paid + days);
  return interchange(41_207, addDays(today, -paid - 1), [
    [
      ...header('236', 'ACH', `EFT${d(0)}0417`, d(0), d(1), payee),
      'LX*1',
      // A lumbar transforaminal epidural at two levels, given without the plan's prior authorization.
      'CLP*NS-260917-03*4*2070*0*0*12*RCP2609417726*11*1',
      'NM1*QC*1*PELLERIN*JOANNE*M***MI*RCP71304452',
      'NM1*82*1*FELD*MARCUS****XX*1457396821',
      `DTM*232*${d(18)}`,
      `DTM*233*${d(18)}`,
      `DTM*050*${d(12)}`,
      'SVC*HC:64483:LT*1450*0**1',
      `DTM*472*${d(18)}`,
      'CAS*CO*197*1450',
      'REF*6R*NS26091703-1',
      'LQ*HE*M62',
      'SVC*HC:64484:LT*620*0**1',
      `DTM*472*${d(18)}`,
      'CAS*CO*197*620',
      'REF*6R*NS26091703-2',
      'LQ*HE*M62',
      // Needle EMG with nerve conduction studies for leg numbness, found not medically necessary.
      'CLP*NS-260911-08*4*1050*0*0*12*RCP2609417730*11*1',
      'NM1*QC*1*DOUCETTE*KEVIN*P***MI*RCP70988213',
      'NM1*82*1*NATARAJAN*PRIYA****XX*1234567893',
      `DTM*232*${d(22)}`,
      `DTM*233*${d(22)}`,
      `DTM*050*${d(15)}`,
      'SVC*HC:95911*640*0**1',
      `DTM*472*${d(22)}`,
      'CAS*CO*50*640',
      'REF*6R*NS26091108-1',
      'LQ*HE*N661',
      'SVC*HC:95886:RT*410*0**1',
      `DTM*472*${d(22)}`,
      'CAS*CO*50*410',
      'REF*6R*NS26091108-2',
      'LQ*HE*N661',
      // Therapy: exercise and functional activities paid, manual therapy the same session bundled.
      'CLP*NS-260922-11*1*360*154*38.5*12*RCP2609417741*11*1',
      'NM1*QC*1*TRAN*ANH****MI*RCP72115908',
      'NM1*82*1*NATARAJAN*PRIYA****XX*1234567893',
      `DTM*232*${d(14)}`,
      `DTM*233*${d(14)}`,
      'SVC*HC:97110:GP*180*100.8**2',
      `DTM*472*${d(14)}`,
      'CAS*CO*45*54',
      'CAS*PR*2*25.2',
      'REF*6R*NS26092211-1',
      'AMT*B6*126',
      'SVC*HC:97530:GP*95*53.2**1',
      `DTM*472*${d(14)}`,
      'CAS*CO*45*28.5',
      'CAS*PR*2*13.3',
      'REF*6R*NS26092211-2',
      'AMT*B6*66.5',
      'SVC*HC:97140:GP*85*0**1',
      `DTM*472*${d(14)}`,
      'CAS*CO*97*85',
      'REF*6R*NS26092211-3',
      'LQ*HE*M80',
      // A follow-up visit: the contract's fee and the member's copay, nothing denied.
      'CLP*NS-260923-02*1*165*82*30*12*RCP2609417744*11*1',
      'NM1*QC*1*MEHTA*RAHUL****MI*RCP71830027',
      'NM1*82*1*NATARAJAN*PRIYA****XX*1234567893',
      `DTM*232*${d(13)}`,
      `DTM*233*${d(13)}`,
      'SVC*HC:99213*165*82**1',
      `DTM*472*${d(13)}`,
      'CAS*CO*45*53',
      'CAS*PR*3*30',
      'REF*6R*NS26092302-1',
      'AMT*B6*112',
      // A new patient early in the plan year: the allowed amount goes to her deductible.
      'CLP*NS-260924-05*1*325*0*228.5*12*RCP2609417752*11*1',
      'NM1*QC*1*COYLE*THERESA*A***MI*RCP73390561',
      'NM1*82*1*FELD*MARCUS****XX*1457396821',
      `DTM*232*${d(12)}`,
      `DTM*233*${d(12)}`,
      'SVC*HC:99204*325*0**1',
      `DTM*472*${d(12)}`,
      'CAS*CO*45*96.5',
      'CAS*PR*1*228.5',
      'REF*6R*NS26092405-1',
      'AMT*B6*228.5',
    ],
  ]);
}

/** The second remittance: the electrodiagnostics paid on appeal, and a routine visit. */
export function afterAppealRemittance(today: string, payee: Payee): string {
  const paid = PAID_DAYS_AGO.afterAppeal;
  const first = PAID_DAYS_AGO.denials;
  const d = (days: number) => ccyymmdd(today, paid + days);
  const dos = (days: number) => ccyymmdd(today, first + days);
  return interchange(41_388, addDays(today, -paid - 1), [
    [
      ...header('1197', 'CHK', '0028814563', d(0), d(1), payee),
      'LX*1',
      // Reprocessed on the appeal under the same claim number: allowed at the contract's fee.
      `CLP*NS-260911-08*1*1050*735*0*12*${APPEALED_CLAIM}*11*1`,
      'NM1*QC*1*DOUCETTE*KEVIN*P***MI*RCP70988213',
      'NM1*82*1*NATARAJAN*PRIYA****XX*1234567893',
      `DTM*232*${dos(22)}`,
      `DTM*233*${dos(22)}`,
      'SVC*HC:95911*640*448**1',
      `DTM*472*${dos(22)}`,
      'CAS*CO*45*192',
      'REF*6R*NS26091108-1',
      'AMT*B6*448',
      'SVC*HC:95886:RT*410*287**1',
      `DTM*472*${dos(22)}`,
      'CAS*CO*45*123',
      'REF*6R*NS26091108-2',
      'AMT*B6*287',
      'CLP*NS-261019-04*1*610*462*0*12*RCP2610521186*11*1',
      'NM1*QC*1*MEHTA*RAHUL****MI*RCP71830027',
      'NM1*82*1*FELD*MARCUS****XX*1457396821',
      `DTM*232*${d(9)}`,
      `DTM*233*${d(9)}`,
      'SVC*HC:20552*610*462**1',
      `DTM*472*${d(9)}`,
      'CAS*CO*45*148',
      'REF*6R*NS26101904-1',
      'AMT*B6*462',
    ],
  ]);
}
