/**
 * The appeal-work part of the case file: the evidence documents, the guideline criteria with
 * their evidence, the letter preview and the packets with their submission. Reads through the
 * evidence, guidelines and packets domains (after the case itself was read and audited by the
 * case file). Its forms post to the API from page script, or without script to
 * case-work.routes.ts; either way they appear only for roles the API accepts.
 */
import { listCaseDocuments, DOCUMENT_KINDS } from '../evidence/index.js';
import { listCaseCriteria, suggestGuidelines, CRITERION_STATUSES } from '../guidelines/index.js';
import { caseChecklist, listPackets, SUBMISSION_METHODS, type CaseChecklist } from '../packets/index.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { mayCall } from './api-permissions.js';
import { displayDate, label } from './web-labels.js';
import { displayDateTime } from './case-file.service.js';

const options = (values: readonly string[]) => values.map((value) => ({ value, text: label(value) }));

const STATUS_WORDS = { present: 'Present', missing: 'Missing', by_hand: 'By hand', pending: 'Checked on the letter' };

/** The ready-to-send checklist as the case file lists it: each element, its state and its rule. */
function readyToSendView(checklist: CaseChecklist) {
  return {
    ready: checklist.ready,
    forPacket: checklist.packet ? `packet version ${checklist.packet.version}` : 'the next packet',
    missingCount: checklist.missing.length,
    items: checklist.items.map((i) => ({
      name: i.name,
      value: i.value,
      citation: i.citation,
      effectiveFrom: i.effectiveFrom ? displayDate(i.effectiveFrom) : '',
      advised: i.strength === 'advised',
      missing: i.status === 'missing',
      statusText: i.strength === 'advised' && i.status === 'missing' ? 'Advised' : STATUS_WORDS[i.status],
    })),
  };
}

export async function loadAppealWork(
  caseId: string,
  letters: { names: string[]; chosen?: string },
  user: AuthenticatedUser,
  api: ApiRegistry,
  zone: string,
) {
  const may = {
    upload: mayCall(api, user.role, 'post', '/cases/:caseId/documents'),
    attach: mayCall(api, user.role, 'post', '/cases/:caseId/criteria'),
    generate: mayCall(api, user.role, 'post', '/cases/:caseId/packets'),
    submit: mayCall(api, user.role, 'post', '/cases/:caseId/packets/:packetId/submission'),
  };
  const [documents, criteria, { packets }, suggested, checklist] = await Promise.all([
    listCaseDocuments(caseId),
    listCaseCriteria(caseId),
    listPackets(caseId, user),
    may.attach ? suggestGuidelines(caseId, user) : { suggestions: [] },
    caseChecklist(caseId, user),
  ]);
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const base = `/api/v1/cases/${caseId}`;
  return {
    api: base,
    documents: documents.map((d) => ({
      ...d,
      kindText: label(d.kind),
      dateText: displayDate(d.date),
      href: `${base}/documents/${d.id}/content`,
    })),
    criteria: criteria.map((c) => ({
      id: c.id,
      citation: c.citation,
      criterionText: c.guideline.criterionText,
      status: c.status,
      statusText: label(c.status),
      evidence: c.evidence.map((e) => ({
        ...e,
        documentTitle: e.documentTitle ?? (e.documentId ? titles.get(e.documentId) : undefined),
      })),
    })),
    packets: packets.map((p) => ({
      ...p,
      generatedText: displayDateTime(p.generatedAt, zone),
      shortHash: p.sha256.slice(0, 12),
      pdfHref: `${base}/packets/${p.id}/pdf`,
      previewHref: `${base}/packets/${p.id}/preview`,
      submissionText: p.submission
        ? `${label(p.submission.method)}, ${displayDateTime(p.submission.submittedAt, zone)}` +
          (p.submission.confirmationNumber ? `, confirmation ${p.submission.confirmationNumber}` : '')
        : undefined,
    })),
    previewHref: `${base}/packets/preview`,
    checklist: readyToSendView(checklist),
    documentKinds: options(DOCUMENT_KINDS),
    criterionStatuses: options(CRITERION_STATUSES),
    templates: letters.names.map((value) => ({ value, text: label(value) })),
    /** The template the form offers first: the one the denial's category, level and priority choose. */
    chosenTemplate: letters.chosen,
    submissionMethods: options(SUBMISSION_METHODS),
    // The library references matching the case's codes, those not yet attached first.
    guidelineOptions: [...suggested.suggestions]
      .sort((a, b) => Number(a.alreadyAttached) - Number(b.alreadyAttached))
      .map((s) => ({
        value: s.guideline.id,
        text: s.alreadyAttached ? `${s.guideline.citation} (attached already)` : s.guideline.citation,
      })),
    // Why each is suggested (the codes it matched), or why none is.
    suggestions: suggested.suggestions.map((s) => ({
      citation: s.guideline.citation,
      reason: s.reason,
      alreadyAttached: s.alreadyAttached,
    })),
    noSuggestion: 'noneReason' in suggested ? suggested.noneReason : undefined,
    may,
    /** Times typed into the page's forms are on this clock. */
    clinicZone: zone,
  };
}
export type AppealWork = Awaited<ReturnType<typeof loadAppealWork>>;
