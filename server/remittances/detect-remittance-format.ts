/**
 * Which kind of remittance a file is, from its first bytes: the import accepts a file by its
 * content, never by its name or declared media type.
 */

/** A remittance kind the import knows, or `unknown`. */
export type DetectedFormat = '835' | 'fhir' | 'csv' | 'unknown';

/**
 * Looks at the start of a file (a few hundred bytes are enough) and names its format: an X12
 * interchange begins with `ISA`; a FHIR JSON resource is an object with a `resourceType`; a CSV is
 * printable text whose first line has at least two comma-separated fields.
 *
 * @param firstBytes - the file's first bytes (more is fine; the first 4 KB are read)
 */
export function detectRemittanceFormat(firstBytes: Buffer | string): DetectedFormat {
  const head = (typeof firstBytes === 'string' ? firstBytes : firstBytes.subarray(0, 4096).toString('utf8'))
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('ISA')) return '835';
  if (head.startsWith('{') && /"resourceType"\s*:/.test(head)) return 'fhir';
  // Control characters other than tab and line ends mean a binary file, whatever its commas.
  if ([...head].some((c) => c < ' ' && c !== '\t' && c !== '\n' && c !== '\r')) return 'unknown';
  const firstLine = head.split(/\r?\n/, 1)[0];
  return firstLine.split(',').length >= 2 ? 'csv' : 'unknown';
}
