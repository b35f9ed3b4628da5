/**
 * The guideline library's form, as data: the fields of a reference in the clinic's words, and
 * the sources as a clinic cites them.
 */
import { GUIDELINE_SOURCES, type GuidelineSource } from '../guidelines/index.js';
import type { SectionSpec } from './form-fields.js';
import type { FormFields } from './form-route.js';
import { codeList, fieldLabels } from './record-form.js';

export const SOURCE_NAMES: Record<GuidelineSource, string> = {
  MCG: 'MCG care guidelines',
  InterQual: 'InterQual criteria',
  NCCN: 'NCCN guidelines',
  CMS_NCD: 'National Coverage Determination (NCD)',
  CMS_LCD: 'Local Coverage Determination (LCD)',
  CMS_manual: 'CMS manual (Internet-Only Manual)',
  regulation: 'Regulation (CFR or state code)',
  USPSTF: 'USPSTF recommendation',
  specialty_society: 'Specialty society guideline',
  peer_reviewed_study: 'Peer-reviewed study',
  payer_policy: 'Payer medical policy',
  FDA_label: 'FDA-approved labeling',
  other: 'Other source',
};

export const SOURCE_OPTIONS = GUIDELINE_SOURCES.map((value) => ({ value, text: SOURCE_NAMES[value] }));

export const GUIDELINE_SECTIONS: SectionSpec[] = [
  {
    legend: 'Where it is published',
    fields: [
      { key: 'source', text: 'Source', required: true, options: SOURCE_OPTIONS },
      {
        key: 'issuingBody',
        text: 'Issuing body',
        required: true,
        hint: 'MCG Health, CMS, Noridian, the American College of Radiology; a study’s authors',
      },
      { key: 'title', text: 'Title', required: true, wide: true, hint: 'The guideline, manual chapter or article' },
      { key: 'version', text: 'Edition or version', hint: '“Ambulatory Care 27th ed.”, “L35936 R12”, “Rev. 12425”' },
      { key: 'publishedDate', text: 'Published on', type: 'date' },
      { key: 'section', text: 'Section or criterion', hint: '“criterion 2”, “Ch. 15 § 220.1”, “42 CFR 411.15(k)”' },
      { key: 'url', text: 'Web address', hint: 'https://…' },
    ],
  },
  {
    legend: 'What it says and what it applies to',
    fields: [
      {
        key: 'criterionText',
        text: 'The criterion in your own words',
        required: true,
        multiline: true,
        wide: true,
        hint: 'Licensed criteria sets are paraphrased, never copied',
      },
      {
        key: 'procedureCodes',
        text: 'Procedure codes (CPT/HCPCS)',
        hint: 'Separated by commas: 72148, J9271',
      },
      {
        key: 'diagnosisCodes',
        text: 'Diagnosis codes (ICD-10-CM)',
        hint: 'A category covers the codes below it: M54 covers M54.16',
      },
    ],
  },
];

export const GUIDELINE_LABELS = fieldLabels(GUIDELINE_SECTIONS);

const CLEARABLE = ['version', 'publishedDate', 'section', 'url'] as const;

/**
 * The form as the API's body. On an edit, an optional field left blank is cleared (null);
 * code lists left blank stay as they were (a reference needs at least one code).
 */
export function guidelineBody(f: FormFields, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    source: f.source,
    title: f.title,
    issuingBody: f.issuingBody,
    criterionText: f.criterionText,
    procedureCodes: codeList(f.procedureCodes),
    diagnosisCodes: codeList(f.diagnosisCodes),
  };
  for (const key of CLEARABLE) {
    const value = typeof f[key] === 'string' ? f[key].trim() : '';
    body[key] = value || (editing ? null : undefined);
  }
  return editing ? { revision: f.revision, ...body } : body;
}
