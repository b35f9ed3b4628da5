/**
 * Remittances: reading a payer's payment advice (X12 835, FHIR ClaimResponse, CSV) into plain claim
 * records. Pure reading, no database: the import job, claim lines on cases and matching build on it
 * (see CONTEXT.md).
 */
export { readX12Remittance } from './x12-835.reader.js';
export { readFhirRemittance, fhirRemittanceItems, CARC_SYSTEM, RARC_SYSTEM } from './fhir-claim-response.reader.js';
export { readCsvRemittance, csvTemplate, CSV_COLUMNS, type CsvColumn } from './csv-remittance.reader.js';
export { readRemittance } from './read-remittance.js';
export { detectRemittanceFormat, type DetectedFormat } from './detect-remittance-format.js';
export { readIsaSeparators, type X12Separators } from './x12-envelope.js';
export type * from './remittance.types.js';
export {
  claimDisposition,
  isDenialAdjustment,
  type ClaimDisposition,
  type LineDisposition,
  type Recommendation,
} from './claim-disposition.js';
