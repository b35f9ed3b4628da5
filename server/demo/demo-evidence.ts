import { getCase, findVisibleCaseRef, updateCase, type CaseView } from '../cases/index.js';
import { addDocumentBytes, foreignDocuments } from '../evidence/index.js';
import { attachCriterion, createGuideline } from '../guidelines/index.js';
import { createPdf, renderPdf, MARGINS } from '../platform/pdf/index.js';
import { addDays } from '../platform/clock.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { DEMO_GUIDELINES } from './demo-guidelines.js';
import { DEMO_EVIDENCE, type DemoEvidencePlan, type DemoNote } from './demo-notes.js';

/**
 * Demo guideline library, and for a lumbar-MRI and a physical-therapy denial still being
 * prepared: clinical records (PDFs and a plain-text export, generated here) and criteria
 * judged with passages quoted from them. Everything goes through the same services as the
 * API, so every quote is checked against the page it cites.
 */
export async function seedDemoEvidence(
  users: Record<string, AuthenticatedUser>,
  caseIds: Map<string, string>,
  deps: DomainDeps,
): Promise<void> {
  const library = new Map<string, string>();
  for (const [key, input] of Object.entries(DEMO_GUIDELINES))
    library.set(key, (await createGuideline(input, users.director, deps)).id);
  let cases = 0;
  for (const plan of DEMO_EVIDENCE) {
    const caseId = caseIds.get(plan.caseKey);
    if (!caseId) continue;
    await seedCase(await getCase(caseId, users.billing), plan, library, users, deps);
    cases++;
  }
  deps.logger.info('demo evidence seeded', { guidelines: library.size, cases });
}

async function seedCase(
  record: CaseView,
  plan: DemoEvidencePlan,
  library: Map<string, string>,
  users: Record<string, AuthenticatedUser>,
  deps: DomainDeps,
): Promise<void> {
  const caseId = record.id;
  // The treating clinician judges the criteria when the case is theirs; else the medical director.
  const judge = await findVisibleCaseRef(caseId, users.clinician).then(
    () => users.clinician,
    () => users.director,
  );
  const today = deps.clock.today();
  const documentIds = new Map<string, string>();
  const noteDates = new Map<string, string>();
  for (const note of plan.notes(record.patient)) {
    const dated = addDays(record.denial.noticeDate, -note.daysBeforeNotice);
    const date = dated > today ? today : dated;
    const bytes =
      note.format === 'pdf'
        ? await typesetNote(note, record, date, deps)
        : Buffer.from(textNote(note, record, date, deps), 'utf8');
    const doc = await addDocumentBytes(
      caseId,
      bytes,
      { title: note.title, kind: note.kind, date },
      users.billing,
      deps,
    );
    documentIds.set(note.key, doc.id);
    noteDates.set(note.key, date);
  }
  // The narrative says only what the notes say; its key facts point at the note that shows each.
  const { keyFacts, ...narrative } = plan.narrative;
  await updateCase(
    caseId,
    record.version,
    {
      narrative: {
        ...narrative,
        keyFacts: keyFacts.map(({ note, fact }) => ({
          fact,
          documentId: documentIds.get(note),
          date: noteDates.get(note),
        })),
      },
    },
    judge,
    { ...deps, foreignDocuments },
  );
  for (const criterion of plan.criteria) {
    const evidence = criterion.evidence.map((e) =>
      'note' in e ? { documentId: documentIds.get(e.note)!, quote: e.quote } : e,
    );
    await attachCriterion(
      caseId,
      { guidelineId: library.get(criterion.guideline)!, status: criterion.status, evidence },
      judge,
      deps,
    );
  }
}

function headerLines(record: CaseView, date: string, deps: DomainDeps): string[] {
  const { firstName, lastName, dateOfBirth, mrn } = record.patient;
  return [
    deps.config.clinic.name,
    `Patient: ${firstName} ${lastName}    DOB: ${dateOfBirth}    MRN: ${mrn}`,
    `Date: ${date}    Clinician: ${record.treatingClinician.name}`,
  ];
}

/** A note as the clinic's record system would print it: letterhead, patient line, title, paragraphs. */
async function typesetNote(note: DemoNote, record: CaseView, date: string, deps: DomainDeps): Promise<Buffer> {
  const doc = createPdf({
    title: `${record.reference} ${note.title}`,
    author: deps.config.clinic.name,
    createdAt: new Date(`${date}T12:00:00Z`),
  });
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  note.pages.forEach((paragraphs, i) => {
    if (i > 0) doc.addPage();
    const [clinic, ...patient] = headerLines(record, date, deps);
    doc.font('Helvetica-Bold').fontSize(12).text(clinic, { width });
    doc.font('Helvetica').fontSize(9).text(patient.join('\n'), { width }).moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text(note.title.toUpperCase(), { width }).moveDown(0.5);
    for (const p of paragraphs) doc.font('Helvetica').fontSize(10.5).text(p, { width, lineGap: 2 }).moveDown(0.6);
    doc
      .font('Helvetica-Oblique')
      .fontSize(8)
      .text(`Page ${i + 1} of ${note.pages.length}`, { width, align: 'right' });
  });
  return renderPdf(doc);
}

/** A plain-text export: pages separated by form feeds, as record systems print them. */
function textNote(note: DemoNote, record: CaseView, date: string, deps: DomainDeps): string {
  return note.pages
    .map((paragraphs) =>
      [
        ...headerLines(record, date, deps),
        '',
        note.title.toUpperCase(),
        '',
        ...paragraphs.flatMap((p) => [p, '']),
      ].join('\n'),
    )
    .join('\f');
}
