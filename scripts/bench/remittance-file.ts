/**
 * Bench input for the remittance reader: a realistic X12 835 (005010X221A1) with N claims, written
 * to a file as a stream so that making a 10,000-claim file needs no more memory than a 100-claim one.
 *
 * Every fourth claim carries a denial: status 4 (denied) or a line with CO-50, CO-197 or CO-96;
 * the rest are paid with a CO-45 contractual adjustment and a PR co-insurance. Claims are grouped
 * 500 to a transaction set (ST/SE), two functional groups to a file, as clearinghouses batch them.
 * All names and member ids are invented.
 */
import fs from 'node:fs';
import { once } from 'node:events';

/** The separators the generated file declares and uses; the default is the common `*`, `:`, `^`, `~` + newline. */
export interface FileSeparators {
  element: string;
  component: string;
  repetition: string;
  /** The segment terminator; a newline after it (`~\n`) is read as layout, not data. */
  segment: string;
}

export const DEFAULT_SEPARATORS: FileSeparators = { element: '*', component: ':', repetition: '^', segment: '~\n' };

const CLAIMS_PER_TRANSACTION = 500;
const money = (cents: number) => (cents / 100).toFixed(2).replace(/\.00$/, '');
const pad = (s: string, n: number) => s.padEnd(n, ' ').slice(0, n);

/** The ISA segment, 106 characters with its terminator, as the standard fixes its widths. */
function isaSegment(sep: FileSeparators, controlNumber: number): string {
  const e = sep.element;
  return (
    ['ISA', '00', pad('', 10), '00', pad('', 10), 'ZZ', pad('ACMEHEALTH', 15), 'ZZ', pad('OVERTURNCLINIC', 15)]
      .concat(['261115', '1200', sep.repetition, '00501', String(controlNumber).padStart(9, '0'), '0', 'P'])
      .join(e) +
    e +
    sep.component +
    sep.segment
  );
}

const CPT = ['99213', '99214', '72148', '97110', '36415', '80053', '93000', '71046'];

/** The segments of claim n (1-based), without the LX before it. */
function claimSegments(n: number, sep: FileSeparators): string[][] {
  const denied = n % 4 === 0;
  const kind = denied ? (n / 4) % 4 : -1; // 0: status 4 denied; 1: CO-50; 2: CO-197; 3: CO-96
  const lines = 1 + (n % 3);
  const day = String(1 + (n % 28)).padStart(2, '0');
  const dos = `202610${day}`;
  const c = sep.component;
  let charge = 0;
  let paid = 0;
  let patient = 0;
  const lineSegs: string[][] = [];
  for (let k = 0; k < lines; k++) {
    const lineCharge = 12000 + ((n * 37 + k * 53) % 90) * 100;
    const allowed = Math.round(lineCharge * 0.7);
    const coinsurance = Math.round(allowed * 0.2);
    const deniedLine = denied && (kind === 0 || k === 0);
    const linePaid = deniedLine ? 0 : allowed - coinsurance;
    const code = CPT[(n + k) % CPT.length];
    const mod = k === 0 && n % 5 === 0 ? `${c}25` : '';
    lineSegs.push(['SVC', `HC${c}${code}${mod}`, money(lineCharge), money(linePaid), '', String(1 + (k % 2))]);
    lineSegs.push(['DTM', '472', dos]);
    if (deniedLine) {
      const carc = ['50', '50', '197', '96'][kind];
      lineSegs.push(['CAS', 'CO', carc, money(lineCharge)]);
    } else {
      lineSegs.push(['CAS', 'CO', '45', money(lineCharge - allowed)]);
      lineSegs.push(['CAS', 'PR', '2', money(coinsurance)]);
      patient += coinsurance;
    }
    lineSegs.push(['REF', '6R', `L${n}-${k + 1}`]);
    if (!deniedLine) lineSegs.push(['AMT', 'B6', money(allowed)]);
    if (deniedLine) lineSegs.push(['LQ', 'HE', kind === 2 ? 'N54' : 'N115']);
    charge += lineCharge;
    paid += linePaid;
  }
  const status = denied && kind === 0 ? '4' : '1';
  const first = ['ALEX', 'SAM', 'JORDAN', 'RILEY', 'CASEY'][n % 5];
  return [
    ['CLP', `PCN${String(n).padStart(7, '0')}`, status, money(charge), money(paid), money(patient), '12'].concat([
      `26${String(n).padStart(11, '0')}`,
      '11',
      '1',
    ]),
    ['NM1', 'QC', '1', `TESTPATIENT${n % 97}`, first, '', '', '', 'MI', `ZZFAKE${String(n).padStart(6, '0')}`],
    ['NM1', '82', '1', 'EXAMPLE', 'DANA', '', '', '', 'XX', '1234567893'],
    ['DTM', '232', dos],
    ['DTM', '233', dos],
    ['DTM', '050', '20261104'],
    ...lineSegs,
  ];
}

/**
 * Writes an 835 with `claims` claims to `file` and resolves with its size in bytes.
 *
 * @param file - where to write it (overwritten)
 * @param claims - how many claims (CLP loops) the file holds
 * @param sep - the separators to declare in the ISA and use throughout
 */
export async function writeRemittanceFile(
  file: string,
  claims: number,
  sep: FileSeparators = DEFAULT_SEPARATORS,
): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffered: string[] = [];
  const flush = async () => {
    if (!out.write(buffered.join(''))) await once(out, 'drain');
    buffered = [];
  };
  const seg = (parts: string[]) => buffered.push(parts.join(sep.element) + sep.segment);

  buffered.push(isaSegment(sep, 905));
  const transactions = Math.max(1, Math.ceil(claims / CLAIMS_PER_TRANSACTION));
  const groups = transactions > 1 ? 2 : 1;
  const perGroup = Math.ceil(transactions / groups);
  let written = 0;
  for (let g = 1; g <= groups; g++) {
    seg(['GS', 'HP', 'ACMEHEALTH', 'OVERTURNCLINIC', '20261115', '1200', String(g), 'X', '005010X221A1']);
    let inGroup = 0;
    for (let t = 0; t < perGroup && written < claims; t++, inGroup++) {
      const st = String((g - 1) * perGroup + t + 1).padStart(4, '0');
      const count = Math.min(CLAIMS_PER_TRANSACTION, claims - written);
      let segments = 0;
      const body = (parts: string[]) => {
        seg(parts);
        segments++;
      };
      body(['ST', '835', st, '005010X221A1']);
      body(
        ['BPR', 'I', money(count * 15000), 'C', 'ACH', 'CCP', '01', '011000015', 'DA', '0001234567'].concat([
          '1512345678',
          '',
          '01',
          '021000021',
          'DA',
          '0007654321',
          '20261115',
        ]),
      );
      body(['TRN', '1', `EFT${st}${g}`, '1512345678']);
      body(['DTM', '405', '20261114']);
      body(['N1', 'PR', 'ACME HEALTH PLAN']);
      body(['N3', 'PO BOX 4410']);
      body(['N4', 'MINNEAPOLIS', 'MN', '55440']);
      body(['REF', '2U', '60054']);
      body(['N1', 'PE', 'OVERTURN DEMO CLINIC', 'XX', '1234567893']);
      body(['REF', 'TJ', '999999999']);
      for (let k = 1; k <= count; k++) {
        written++;
        if (k === 1 || k % 100 === 1) body(['LX', String(k)]);
        for (const s of claimSegments(written, sep)) body(s);
        if (buffered.length > 2000) await flush();
      }
      body(['PLB', '1234567893', '20261231', `WO${sep.component}PCN0000001`, '-25', 'L6', '1.5']);
      seg(['SE', String(segments + 1), st]);
      await flush();
    }
    seg(['GE', String(inGroup), String(g)]);
  }
  seg(['IEA', String(groups), '000000905']);
  await flush();
  out.end();
  await once(out, 'finish');
  return (await fs.promises.stat(file)).size;
}
