import type { Request, Response, Router } from 'express';
import { transitionBody, transitionCase, updateCase, updateCaseBody } from '../cases/index.js';
import { foreignDocuments } from '../evidence/index.js';
import { objectId } from '../platform/http/common-schemas.js';
import { AppError, notFound } from '../platform/errors.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { defaultTemplate, listTemplates } from '../packets/index.js';
import { loadAppealWork } from './appeal-work.service.js';
import { loadPeerToPeerSection } from './p2p-section.service.js';
import { guidanceOf } from './case-guidance.js';
import { deadlineForms } from './deadline-forms.js';
import { narrativeForms } from './narrative-rows.js';
import { ACTION_OPTIONS, APPELLANT_OPTIONS, FAST_TRACK_OPTIONS, routeOnFile } from './appeal-route.js';
import { assignmentOf } from './case-assignee.routes.js';
import { loadClaimLines } from './claim-lines.service.js';
import { loadAttendanceSection } from './attendance.service.js';
import { statedReasonsSection } from './stated-reasons.js';

/** The case file also reads the API's route table, to offer only the forms the API accepts. */
export type WebDeps = DomainDeps & { api: ApiRegistry };
import { ROLES } from '../auth/index.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { CASE_EDITORS, NARRATIVE_FIELDS, loadCaseFile } from './case-file.service.js';
import { fieldErrors, formBody, problemErrors, withoutBlanks } from './form-errors.js';

/** Messages after a successful post; the URL carries only the code, never case data. */
const NOTICES: Record<string, string> = {
  created: 'Case opened. Deadlines were computed from the notice dates.',
  status: 'Status changed.',
  narrative: 'Narrative saved.',
  note: 'Note added to the timeline.',
  uploaded: 'Records uploaded.',
  criterion: 'Criterion attached.',
  packet: 'Packet generated. Download it below.',
  draft: 'Draft packet generated, watermarked DRAFT on every page: complete what is missing, then generate the packet.',
  submitted: 'Submission recorded.',
  route: 'Who files and the payer’s action saved. The deadlines were counted again.',
  'medicare-notice': 'Medicare notice recorded. The QIO fast-track deadline was counted from it.',
  'deadline-override': 'Deadline set from the payer’s notice.',
  'printed-deadline': 'Filing deadline decided; the timeline says which date the case keeps.',
  'narrative-lists': 'Key facts and alternatives tried saved.',
  'decision-extension': 'Extension recorded. The decision deadline moved by it.',
  assignee: 'Case reassigned.',
  'line-outcome': 'Line outcome recorded.',
  attendance: 'Session recorded.',
  'session-corrected': 'Session corrected.',
  'stated-reasons': 'The payer’s reasons saved.',
  measure: 'Measure added.',
  'measure-removed': 'Reading removed.',
  'attendance-alert':
    'Session recorded. That makes too many refusals or no-shows in a short time: the treating clinician and the ' +
    'care team were told.',
};

export function caseIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.caseId);
  if (error) throw notFound('Case', 'CASE_NOT_FOUND');
  return value;
}

/** View data a form adds to the case file; a refused narrative keeps what was typed, with its errors. */
export interface CaseFileExtra {
  narrativeForm?: Record<string, string>;
  narrativeErrors?: Record<string, string>;
  [key: string]: unknown;
}

/** Renders the case file, optionally with a form's errors and an explanation, at a status. */
export async function showCaseFile(
  req: Request,
  res: Response,
  deps: WebDeps,
  extra: CaseFileExtra = {},
  status = 200,
) {
  const zone = deps.config.clinic.timeZone;
  const file = await loadCaseFile(caseIdOf(req), res.locals.user, deps.clock, zone);
  const names = (await listTemplates(deps)).map((t) => t.name);
  const work = await loadAppealWork(
    file.id,
    { names, chosen: defaultTemplate(file.record) },
    res.locals.user,
    deps.api,
    zone,
  );
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  // A refused narrative keeps what the user typed, with each error beside its box.
  const typed = extra.narrativeForm;
  const errors = extra.narrativeErrors ?? {};
  const narrative = file.narrative.map((f) => ({
    ...f,
    value: typed?.[f.key] ?? f.value,
    error: errors[`narrative.${f.key}`],
  }));
  const today = deps.clock.today();
  renderPage(
    res,
    'case-file',
    {
      title: `${file.record.reference} · case file`,
      notice,
      file,
      narrative,
      work,
      route: routeOnFile(file.record, work.documents),
      peerToPeer: await loadPeerToPeerSection(file.record, res.locals.user, deps),
      guidance: guidanceOf(file, work),
      deadlineForms: deadlineForms(file, res.locals.user.role, deps.api),
      narrativeForms: narrativeForms(file, work),
      assignment: await assignmentOf(file.record.assigneeId),
      claimLines: await loadClaimLines(file.record, res.locals.user.role, deps.api),
      attendance: await loadAttendanceSection(file.id, res.locals.user, deps.api, deps, {
        extra,
        status,
        correcting: typeof req.query.correct === 'string' ? req.query.correct : undefined,
      }),
      statedReasons: statedReasonsSection(file.record, work.documents, res.locals.user.role, deps.api, extra, status),
      choices: { appellants: APPELLANT_OPTIONS, actions: ACTION_OPTIONS, fastTrackKinds: FAST_TRACK_OPTIONS },
      today,
      scripts: ['api-form.js', 'dropzone.js', 'send-file.js', 'upload.js'],
      ...extra,
    },
    status,
  );
}

/** What a form-route.ts form of the case file needs: the case file again on refusal, and the way back to it. */
export function caseFilePage(deps: WebDeps) {
  return {
    show: (req: Request, res: Response, extra: Record<string, unknown>, status: number) =>
      showCaseFile(req, res, deps, extra, status),
    back: (notice: string, anchor: string) => (req: Request) => `/cases/${caseIdOf(req)}?notice=${notice}#${anchor}`,
    explain: conflictMessage,
  };
}

/** A version conflict or an illegal move is explained on the page, with the case as it is now. */
function conflictMessage(err: AppError): string {
  return err.code === 'STALE_VERSION'
    ? 'Someone else changed this case while you had it open. Here it is as it stands ' +
        'now; apply your change again if it still makes sense.'
    : err.message;
}

/** The clinician's case file: read, change status, edit the narrative, add a note. */
export function caseFileRoutes(router: Router, deps: WebDeps): void {
  const anyone = requireRole(...ROLES);

  router.get('/cases/:caseId', anyone, (req, res) => showCaseFile(req, res, deps));

  router.post('/cases/:caseId/status', anyone, async (req, res) => {
    const caseId = caseIdOf(req);
    const { to, version, note, decisionDate } = formBody(req);
    const { value, error } = transitionBody.validate(withoutBlanks({ to, version, note, decisionDate }) ?? {}, {
      abortEarly: false,
      convert: true,
    });
    if (error)
      return showCaseFile(
        req,
        res,
        deps,
        { statusErrors: fieldErrors(error), statusForm: { to, note, decisionDate } },
        400,
      );
    try {
      await transitionCase(caseId, value, res.locals.user, { clock: deps.clock });
    } catch (err) {
      if (!(err instanceof AppError) || ![400, 409].includes(err.status)) throw err;
      const extra =
        err.status === 400 ? { statusErrors: problemErrors(err.fields) } : { conflict: conflictMessage(err) };
      return showCaseFile(req, res, deps, { ...extra, statusForm: { to, note, decisionDate } }, err.status);
    }
    res.redirect(303, `/cases/${caseId}?notice=status`);
  });

  router.post('/cases/:caseId/narrative', requireRole(...CASE_EDITORS), async (req, res) => {
    const caseId = caseIdOf(req);
    const form = formBody(req);
    const narrative = Object.fromEntries(
      NARRATIVE_FIELDS.map(({ key }) => {
        const value = form[key];
        return [key, typeof value === 'string' ? value : ''];
      }),
    );
    const { value, error } = updateCaseBody.validate(
      { version: form.version, narrative },
      { abortEarly: false, convert: true },
    );
    if (error)
      return showCaseFile(req, res, deps, { narrativeErrors: fieldErrors(error), narrativeForm: narrative }, 400);
    try {
      await updateCase(caseId, value.version, { narrative: value.narrative }, res.locals.user, {
        clock: deps.clock,
        foreignDocuments,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return showCaseFile(req, res, deps, { conflict: conflictMessage(err), narrativeForm: narrative }, 409);
    }
    res.redirect(303, `/cases/${caseId}?notice=narrative#narrative`);
  });
}
