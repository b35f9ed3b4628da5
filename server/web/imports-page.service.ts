/**
 * The imports page's view models: past imports as rows, and one import's progress and summary, in
 * the clinic's words. An import holds no value from its file (no names, no member ids), so nothing
 * here can show PHI; the cases it made are reached through the board's filter by import id.
 */
import { getImport, listImports, type ImportStatus, type ImportView } from '../imports/index.js';
import { userNames } from '../auth/index.js';
import { displayDateTime } from './case-file.service.js';

/** Statuses the page polls for: the job has not finished with the file yet. */
export const UNFINISHED: readonly ImportStatus[] = ['queued', 'running'];

const STATUS_WORDS: Record<ImportStatus, string> = {
  queued: 'Waiting to start',
  running: 'Reading claims',
  done: 'Done',
  failed: 'Stopped on a fault',
  refused: 'Refused',
};

const FORMAT_WORDS: Record<string, string> = { '835': 'X12 835', fhir: 'FHIR ClaimResponse', csv: 'CSV' };

const whole = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${whole.format(n)} ${n === 1 ? one : many}`;

/**
 * Where the job stands, in words: "1,250 of 10,000 claims" once it knows the total; before that,
 * that it waits or is checking the file (the job reads the file through once before any claim).
 */
export function progressText(view: Pick<ImportView, 'status' | 'progress'>): string {
  const { claimsDone, claimsTotal } = view.progress;
  if (claimsTotal !== undefined) return `${whole.format(claimsDone)} of ${plural(claimsTotal, 'claim')}`;
  if (view.status === 'queued') return 'Waiting for the import job to start';
  if (view.status === 'running') return 'Checking the file before reading its claims';
  return 'No claims were read';
}

/** "See the 2 cases this import made", or none when it made none. */
export function casesLinkText(casesCreated: number): string | null {
  if (!casesCreated) return null;
  return casesCreated === 1
    ? 'See the case this import made'
    : `See the ${whole.format(casesCreated)} cases this import made`;
}

/**
 * Why a file was refused or an import stopped: the service's message, where in the file when the
 * message does not say it already, and each FHIR path or CSV column at fault (names, never values).
 */
function problemView(problem: NonNullable<ImportView['problem']> & { fields?: { field: string; message: string }[] }) {
  const { message, segment } = problem;
  return {
    message,
    where: segment === undefined || message.includes(String(segment)) ? null : `at segment ${whole.format(segment)}`,
    fields: problem.fields ?? [],
  };
}

/** What the import did, one line per count, as the summary lists them. */
function summaryRows(counts: ImportView['counts']) {
  return [
    { what: 'Claims read', value: counts.claimsRead },
    { what: 'Denied or partly denied claims found', value: counts.denialsFound },
    { what: 'Cases created', value: counts.casesCreated },
    { what: 'Denials matched to a case already open', value: counts.casesMatched },
    { what: 'Payments matched to open cases', value: counts.paymentsMatched },
    { what: 'Reversals recorded on their case', value: counts.reversalsRecorded },
  ].map((row) => ({ ...row, value: whole.format(row.value) }));
}

/**
 * One import as its page shows it (pure): status, progress for `<progress>`, the summary once
 * finished, claims skipped with their segment position, and a refused file's problem.
 */
export function importPageView(view: ImportView, zone: string, uploadedBy: string) {
  const { claimsDone, claimsTotal } = view.progress;
  const unfinished = UNFINISHED.includes(view.status);
  return {
    id: view.id,
    status: view.status,
    statusText: STATUS_WORDS[view.status],
    formatText: FORMAT_WORDS[view.format] ?? view.format,
    uploadedAt: displayDateTime(view.createdAt, zone),
    uploadedBy,
    unfinished,
    // No total yet: an indeterminate bar (no value), as the job has not counted the claims.
    progress: {
      determinate: claimsTotal !== undefined,
      value: claimsDone,
      max: claimsTotal || 1,
      text: progressText(view),
    },
    // A finished import that never counted its claims (refused) has no progress to show.
    showProgress: unfinished || claimsTotal !== undefined,
    // A refused file was not read: no counts to give, only its problem.
    summary: unfinished || view.status === 'refused' ? null : summaryRows(view.counts),
    skipped: view.skipped.map((s) => ({
      where: `Segment ${whole.format(s.position)}${s.element ? `, element ${s.element}` : ''}`,
      reason: s.reason,
    })),
    problem: view.problem ? problemView(view.problem) : null,
    cases: casesLinkText(view.counts.casesCreated),
    casesHref: `/board?importId=${view.id}`,
  };
}

/** One import's page, by id (404 for an unknown one). */
export async function loadImportPage(importId: string, zone: string) {
  const view = await getImport(importId);
  const names = await userNames([view.createdById]);
  return importPageView(view, zone, names.get(view.createdById) ?? 'a former user');
}

/** Past imports, newest first, each with its status, when, who and counts. */
export async function loadImportList(zone: string, limit = 50) {
  const { imports } = await listImports(limit);
  const names = await userNames(imports.map((i) => i.createdById));
  return imports.map((view) => {
    const page = importPageView(view, zone, names.get(view.createdById) ?? 'a former user');
    return {
      id: page.id,
      href: `/imports/${page.id}`,
      uploadedAt: page.uploadedAt,
      uploadedBy: page.uploadedBy,
      status: page.status,
      statusText: page.statusText,
      formatText: page.formatText,
      progressText: page.unfinished ? page.progress.text : null,
      claimsRead: whole.format(view.counts.claimsRead),
      denialsFound: whole.format(view.counts.denialsFound),
      casesCreated: whole.format(view.counts.casesCreated),
      skipped: whole.format(view.skipped.length),
    };
  });
}
