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

/** One code of the case that a guideline applies to, and the guideline's code it matched. */
export interface CodeMatch {
  kind: 'procedure' | 'diagnosis';
  caseCode: string;
  /** The same code, or the broader ICD-10 category the guideline lists (M54 for M54.16). */
  guidelineCode: string;
}

/** The case's codes that a guideline applies to, procedures first. */
export function codeMatches(
  guideline: { procedureCodes: string[]; diagnosisCodes: string[] },
  service: { cptCodes: string[]; icd10Codes?: string[] },
): CodeMatch[] {
  const procedures = service.cptCodes
    .map((c) => c.toUpperCase())
    .filter((c) => guideline.procedureCodes.includes(c))
    .map((c): CodeMatch => ({ kind: 'procedure', caseCode: c, guidelineCode: c }));
  const diagnoses = (service.icd10Codes ?? []).map(normaliseDiagnosisCode).flatMap((c): CodeMatch[] => {
    // The most specific code the guideline lists, so the reason names the closest match.
    const listed = diagnosisAncestors(c)
      .reverse()
      .find((a) => guideline.diagnosisCodes.includes(a));
    return listed ? [{ kind: 'diagnosis', caseCode: c, guidelineCode: listed }] : [];
  });
  return [...procedures, ...diagnoses];
}

const inWords = (items: string[]) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Why a guideline is suggested, in the clinic's words: "Matches the case's procedure 72148 and
 * diagnosis M54.16 (the guideline covers M54)".
 */
export function whySuggested(matches: CodeMatch[]): string {
  const parts = matches.map((m) =>
    m.caseCode === m.guidelineCode
      ? `${m.kind} ${m.caseCode}`
      : `${m.kind} ${m.caseCode} (the guideline covers ${m.guidelineCode})`,
  );
  return `Matches the case’s ${inWords(parts)}`;
}

/** Why no guideline is suggested: the case has no codes, or no reference lists them or a category above them. */
export function whyNoneSuggested(service: { cptCodes: string[]; icd10Codes?: string[] }): string {
  const procedures = service.cptCodes.map((c) => `procedure ${c.toUpperCase()}`);
  const diagnoses = (service.icd10Codes ?? []).map((c) => `diagnosis ${normaliseDiagnosisCode(c)}`);
  if (!procedures.length && !diagnoses.length)
    return 'The case has no procedure or diagnosis codes to match; search the library by words instead.';
  return (
    `No guideline in the library lists the case’s ${inWords([...procedures, ...diagnoses])}` +
    `${diagnoses.length ? ' or a category above them' : ''}. Search the library by words, or add the guideline.`
  );
}
