import type { GuidelineReference, GuidelineSource } from './guideline.types.js';

/** Names reviewers recognise; the other sources are cited by their issuing body. */
const SOURCE_LABEL: Partial<Record<GuidelineSource, string>> = {
  MCG: 'MCG',
  InterQual: 'InterQual',
  NCCN: 'NCCN Guidelines',
  CMS_NCD: 'CMS NCD',
  CMS_LCD: 'CMS LCD',
  USPSTF: 'USPSTF',
  FDA_label: 'FDA-approved labeling',
};

type Citable = Pick<GuidelineReference, 'source' | 'title' | 'issuingBody' | 'version' | 'publishedDate' | 'section'>;

/**
 * How a reference is cited in a letter, e.g. "MCG Ambulatory Care 27th ed., Lumbar Spine MRI
 * (A-0087), criterion 2". Studies read as a journal citation: "Authors. Title. Journal year;vol:pages".
 * The year of publication is added only when no edition says which text is meant.
 */
export function citationOf(g: Citable): string {
  if (g.source === 'peer_reviewed_study') {
    const parts = [g.issuingBody, g.title, g.version ?? g.publishedDate?.slice(0, 4)]
      .filter(Boolean)
      .map((p) => p!.replace(/\.$/, ''));
    return `${parts.join('. ')}${g.section ? `, ${g.section}` : ''}.`;
  }
  const head = [SOURCE_LABEL[g.source] ?? g.issuingBody, g.version].filter(Boolean).join(' ');
  const cited = [head, g.title, g.section].filter(Boolean).join(', ');
  return !g.version && g.publishedDate ? `${cited} (${g.publishedDate.slice(0, 4)})` : cited;
}
