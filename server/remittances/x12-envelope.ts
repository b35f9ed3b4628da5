/**
 * The X12 interchange envelope: the ISA header read by its fixed layout (which is how a reader
 * learns the separators), and the nesting and control checks of ISA/IEA, GS/GE and ST/SE.
 * A file that breaks them is refused whole with the segment number (1 = the ISA), never a value.
 */
import { unprocessable, type AppError } from '../platform/errors.js';

/** The separators an interchange declares in its ISA header. */
export interface X12Separators {
  element: string;
  component: string;
  /** ISA11 from version 00501 on; absent in 00401 files, where ISA11 is the standards id `U`. */
  repetition?: string;
  segment: string;
}

/** Every ISA element has a fixed width, so the ISA is always 106 characters with its terminator. */
export const ISA_LENGTH = 106;
const ELEMENT_SEPARATOR_AT = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

/**
 * The refusal of a malformed 835, naming the segment where the fault was found.
 *
 * @param segment - the segment number in the file (1 = the ISA)
 * @param reason - what is wrong, with no value from the file
 */
export function envelopeError(segment: number, reason: string): AppError {
  return unprocessable(
    'REMITTANCE_ENVELOPE_INVALID',
    `The 835 cannot be read: at segment ${segment}, ${reason}`,
    [{ field: `segment ${segment}`, message: reason }],
    { segment },
  );
}

const usable = (c: string) => c !== '' && !/[A-Za-z0-9 ]/.test(c);

/**
 * Reads the separators from the first 106 characters of an interchange, refusing anything that is
 * not an ISA laid out as the standard fixes it.
 *
 * @param isa - the file's first 106 characters (after any byte-order mark or leading blank lines)
 */
export function readIsaSeparators(isa: string): X12Separators {
  if (!isa.startsWith('ISA')) throw envelopeError(1, 'the file does not begin with an ISA interchange header');
  if (isa.length < ISA_LENGTH) throw envelopeError(1, 'the ISA header is cut short');
  const element = isa[3];
  if (!usable(element)) throw envelopeError(1, 'the ISA declares a letter, digit or space as element separator');
  if (ELEMENT_SEPARATOR_AT.some((at) => isa[at] !== element))
    throw envelopeError(1, 'the ISA elements are not at their fixed widths (106 characters with the terminator)');
  const component = isa[104];
  const segment = isa[105];
  const version = isa.slice(84, 89);
  const repetition = version >= '00501' ? isa[82] : undefined;
  const declared = [element, component, segment, ...(repetition === undefined ? [] : [repetition])];
  if (!declared.every((c) => usable(c) || c === '\n' || c === '\r'))
    throw envelopeError(1, 'the ISA declares a letter, digit or space as a separator');
  if (new Set(declared).size !== declared.length)
    throw envelopeError(1, 'the ISA declares the same character for two different separators');
  return { element, component, repetition, segment };
}

/** A segment as x12-parser gives it: `name`, then `"1"`, `"2"`… and components as `"1-1"`, `"1-2"`. */
export type X12Segment = { name: string } & Record<string, string>;

interface Open {
  control: string;
  count: number;
  position: number;
}

/**
 * Follows the envelope segment by segment: ISA, then GS…GE groups holding ST…SE transaction sets,
 * then IEA. Checks that each trailer closes what is open with the same control number and the
 * right count, and that the file does not end before the IEA.
 */
export class EnvelopeCheck {
  private interchange?: Open;
  private group?: Open;
  private transaction?: Open;
  private closed = false;

  /** The transaction set (ST/SE) open now, whose segments are the remittance's content. */
  get inTransaction(): boolean {
    return this.transaction !== undefined;
  }

  /** The control numbers of the open interchange, group and transaction set. */
  get controls() {
    return {
      interchange: this.interchange?.control,
      group: this.group?.control,
      transaction: this.transaction?.control,
    };
  }

  /**
   * Takes the next segment; throws when it breaks the envelope.
   *
   * @param position - its segment number (1 = the ISA)
   * @param s - the segment: its id in `name`, its elements under `"1"`, `"2"`… (as x12-parser gives them)
   */
  segment(position: number, s: X12Segment): void {
    const name = s.name;
    if (this.closed) throw envelopeError(position, 'data follows the IEA that closed the interchange');
    if (this.transaction) {
      this.transaction.count++;
      if (name === 'SE') {
        const e = (n: number) => s[n] ?? '';
        if (e(2) !== this.transaction.control)
          throw envelopeError(position, 'SE02 does not match the control number in ST02');
        if (e(1) !== String(this.transaction.count))
          throw envelopeError(position, `SE01 does not match the ${this.transaction.count} segments from ST to SE`);
        this.transaction = undefined;
        this.group!.count++;
      } else if (['ISA', 'IEA', 'GS', 'GE', 'ST'].includes(name))
        throw envelopeError(position, `${name} appears before the SE closing the transaction set`);
      return;
    }
    const e = (n: number) => s[n] ?? '';
    switch (name) {
      case 'ISA':
        if (this.interchange) throw envelopeError(position, 'a second ISA appears inside the interchange');
        this.interchange = { control: e(13), count: 0, position };
        return;
      case 'GS':
        if (!this.interchange || this.group) throw envelopeError(position, 'GS appears outside an ISA or inside a GS');
        this.group = { control: e(6), count: 0, position };
        return;
      case 'ST':
        if (!this.group) throw envelopeError(position, 'ST appears outside a functional group (GS)');
        if (e(1) !== '835') throw envelopeError(position, 'the transaction set is not an 835 (ST01)');
        this.transaction = { control: e(2), count: 1, position };
        return;
      case 'GE':
        if (!this.group) throw envelopeError(position, 'GE appears without a GS');
        if (e(2) !== this.group.control)
          throw envelopeError(position, 'GE02 does not match the control number in GS06');
        if (e(1) !== String(this.group.count))
          throw envelopeError(position, `GE01 does not match the ${this.group.count} transaction sets in the group`);
        this.interchange!.count++;
        this.group = undefined;
        return;
      case 'IEA':
        if (!this.interchange || this.group) throw envelopeError(position, 'IEA appears before its GE');
        if (e(2) !== this.interchange.control)
          throw envelopeError(position, 'IEA02 does not match the control number in ISA13');
        if (e(1) !== String(this.interchange.count))
          throw envelopeError(position, `IEA01 does not match the ${this.interchange.count} functional groups`);
        this.closed = true;
        return;
      default:
        throw envelopeError(position, `${name || 'a segment'} appears outside a transaction set (ST/SE)`);
    }
  }

  /**
   * Called at the end of the file: refuses a file that ends before its IEA (a truncated file).
   *
   * @param segments - how many segments the file held
   */
  end(segments: number): void {
    if (this.closed) return;
    const open = this.transaction ? 'SE' : this.group ? 'GE' : 'IEA';
    throw envelopeError(segments + 1, `the file ends before its ${open} (truncated?)`);
  }
}
