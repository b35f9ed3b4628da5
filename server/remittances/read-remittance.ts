/**
 * One entry for every reader: the items of a remittance of a known format, so the import has one
 * claim loop whatever the file is.
 */
import type { Readable } from 'node:stream';
import { readX12Remittance } from './x12-835.reader.js';
import { readFhirRemittance } from './fhir-claim-response.reader.js';
import { readCsvRemittance } from './csv-remittance.reader.js';
import type { RemittanceFormat, RemittanceItem } from './remittance.types.js';

/**
 * Reads a remittance of the given format (`detectRemittanceFormat` names it) and yields its claims,
 * claim problems and payment-advice summaries in file order.
 *
 * @param format - `835`, `fhir` or `csv`
 * @param source - the file's path, or a stream of its bytes
 * @throws AppError (422) REMITTANCE_ENVELOPE_INVALID, REMITTANCE_FHIR_INVALID or REMITTANCE_CSV_INVALID
 *   when the file is refused whole, with the position (`extra.segment`) where that is known
 */
export function readRemittance(format: RemittanceFormat, source: Readable | string): AsyncGenerator<RemittanceItem> {
  switch (format) {
    case '835':
      return readX12Remittance(source);
    case 'fhir':
      return readFhirRemittance(source);
    case 'csv':
      return readCsvRemittance(source);
  }
}
