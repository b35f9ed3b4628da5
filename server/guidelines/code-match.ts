/**
 * Matching a guideline's codes to a case's. Procedure codes (CPT/HCPCS) match exactly. An
 * ICD-10-CM code on a guideline covers itself and every code below it: a guideline for M54
 * (dorsalgia) applies to a case coded M54.16 (radiculopathy, lumbar region).
 */

export const PROCEDURE_CODE = /^(\d{4}[0-9FTU]|[A-V]\d{4})$/;
export const DIAGNOSIS_CODE = /^[A-TV-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

/** Upper case, with the dot after the category (M5416 → M54.16), as the library stores codes. */
export function normaliseDiagnosisCode(code: string): string {
  const c = code.trim().toUpperCase().replace('.', '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** The code and each broader code above it: M54.16 → M54, M54.1, M54.16. */
export function diagnosisAncestors(code: string): string[] {
  const c = normaliseDiagnosisCode(code);
  const out = [c.slice(0, 3)];
  for (let end = 5; end <= c.length; end++) out.push(c.slice(0, end));
  return out;
}

/** The case's codes that a guideline applies to, procedures first. */
export function matchedCodes(
  guideline: { procedureCodes: string[]; diagnosisCodes: string[] },
  service: { cptCodes: string[]; icd10Codes?: string[] },
): string[] {
  const procedures = service.cptCodes.map((c) => c.toUpperCase()).filter((c) => guideline.procedureCodes.includes(c));
  const diagnoses = (service.icd10Codes ?? [])
    .map(normaliseDiagnosisCode)
    .filter((c) => diagnosisAncestors(c).some((a) => guideline.diagnosisCodes.includes(a)));
  return [...procedures, ...diagnoses];
}
