/**
 * The narrative in full from the case file, without page script (see form-route.ts): the key
 * clinical facts and the alternatives tried, which the letter and the prep sheet use, as rows
 * (PATCH /cases/:caseId, version-checked); and a timeline entry with the patient's or payer's
 * words as a quote and the alternatives offered (POST /cases/:caseId/timeline). The API's roles,
 * schemas and services.
 */
import type { Router } from 'express';
import {
  addTimelineNote,
  timelineNoteBody,
  updateCase,
  updateCaseBody,
  type AdvocacyNote,
  type CaseChanges,
} from '../cases/index.js';
import { foreignDocuments } from '../evidence/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { asList, formRows, registerFormRoute } from './form-route.js';
import { filledIn } from './narrative-rows.js';

type NarrativeEdit = CaseChanges & { version: number };

/** Labels of the first rows' fields, for the form's summary. */
const ROW_LABELS = {
  'narrative.keyFacts.0.fact': 'Key fact',
  'narrative.keyFacts.0.date': 'Date of the fact',
  'narrative.alternativesTried.0.treatment': 'Treatment tried',
  'narrative.alternativesTried.0.outcome': 'Outcome',
};

export function caseNarrativeRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<NarrativeEdit>(router, deps.api, {
    api: { method: 'patch', path: '/cases/:caseId' },
    path: '/cases/:caseId/narrative-lists',
    schema: updateCaseBody.messages({ 'object.missing': 'write a key fact or an alternative tried first' }),
    toBody: (f) => ({
      version: f.version,
      narrative: {
        keyFacts: formRows(f, 'narrative\\.keyFacts', filledIn),
        alternativesTried: formRows(f, 'narrative\\.alternativesTried', filledIn),
      },
    }),
    run: ({ version, ...changes }, req, res) =>
      updateCase(caseIdOf(req), version, changes, res.locals.user, { ...deps, foreignDocuments }),
    key: () => 'narrativeLists',
    labels: { '': 'Key facts and alternatives tried', ...ROW_LABELS },
    show: page.show,
    explain: page.explain,
    done: page.back('narrative-lists', 'narrative-lists'),
  });
  registerFormRoute<AdvocacyNote>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/timeline' },
    path: '/cases/:caseId/timeline',
    schema: timelineNoteBody.messages({ 'object.missing': 'write a note, a quote or an alternative offered first' }),
    toBody: (f) => ({
      note: f.note,
      // The speaker goes with the words only, as page script sends it (data-only-with).
      quote:
        typeof f['quote.text'] === 'string' && f['quote.text'].trim()
          ? { speaker: f['quote.speaker'], text: f['quote.text'] }
          : undefined,
      alternativesOffered: asList(f.alternativesOffered),
    }),
    run: (body, req, res) => addTimelineNote(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'timelineNote',
    labels: {
      '': 'Timeline entry',
      note: 'Note',
      'quote.speaker': 'Who said it',
      'quote.text': 'Their words',
      alternativesOffered: 'Alternatives offered',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('note', 'timeline'),
  });
}
