/**
 * The payer's reasons and the objective measures from the case file, without page script (see
 * form-route.ts): propose the list split from the payer's quoted reason (nothing stored; the
 * proposal fills the form), confirm the list with each answer and its evidence (PUT
 * /cases/:caseId/stated-reasons, version-checked), add a measure's readings before and after in
 * one write, remove a reading. The API's roles, schemas and services, audited as there.
 */
import Joi from 'joi';
import type { Router } from 'express';
import {
  addMeasureReadings,
  measureFields,
  proposeStatedReasons,
  reasonProposalBody,
  removeMeasure,
  removeMeasureQuery,
  setStatedReasons,
  statedReasonsBody,
  type StatedReasonsInput,
} from '../cases/index.js';
import { foreignDocuments } from '../evidence/index.js';
import { version } from '../platform/http/common-schemas.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { registerFormRoute, type FormFields } from './form-route.js';
import { reasonLabels, statedReasonsBody as reasonsOfForm } from './stated-reasons.js';

const { name, unit, value, date, documentId, page } = measureFields;
const reading = Joi.object({ value, date, documentId, page });

/** A measure as the case page takes it: what, its unit, the reading before and (when taken) after. */
const measureForm = Joi.object<MeasureForm, true>({
  version,
  name,
  unit,
  before: reading.required(),
  after: reading,
});

interface MeasureReading {
  value: number;
  date: string;
  documentId?: string;
  page?: number;
}

interface MeasureForm {
  version: number;
  name: string;
  unit: string;
  before: MeasureReading;
  after?: MeasureReading;
}

const readingOf = (f: FormFields, when: string) => ({
  value: f[`${when}.value`],
  date: f[`${when}.date`],
  documentId: f[`${when}.documentId`],
  page: f[`${when}.page`],
});

const READING_LABELS = Object.fromEntries(
  (['before', 'after'] as const).flatMap((when) => [
    [`${when}.value`, `Reading ${when}`],
    [`${when}.date`, `Date of the reading ${when}`],
    [`${when}.documentId`, `Document of the reading ${when}`],
    [`${when}.page`, `Page of the reading ${when}`],
  ]),
);

export function statedReasonsRoutes(router: Router, deps: WebDeps): void {
  const casePage = caseFilePage(deps);
  const withDocuments = { ...deps, foreignDocuments };
  registerFormRoute<{ text?: string }>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/stated-reasons/proposal' },
    path: '/cases/:caseId/stated-reasons/proposal',
    schema: reasonProposalBody,
    toBody: () => ({}),
    // Nothing is stored: the page answers with the proposal in the form, for the user to edit and confirm.
    run: async (body, req, res) => {
      const { reasons } = await proposeStatedReasons(caseIdOf(req), body.text, res.locals.user);
      await casePage.show(req, res, { reasonProposal: reasons }, 200);
    },
    key: () => 'statedReasons',
    labels: { '': 'The payer’s reasons' },
    show: casePage.show,
    explain: casePage.explain,
    done: casePage.back('stated-reasons', 'stated-reasons'),
  });
  registerFormRoute<StatedReasonsInput>(router, deps.api, {
    api: { method: 'put', path: '/cases/:caseId/stated-reasons' },
    path: '/cases/:caseId/stated-reasons',
    schema: statedReasonsBody,
    toBody: reasonsOfForm,
    run: (body, req, res) => setStatedReasons(caseIdOf(req), body, res.locals.user, withDocuments),
    key: () => 'statedReasons',
    labels: reasonLabels(),
    show: casePage.show,
    explain: casePage.explain,
    done: casePage.back('stated-reasons', 'stated-reasons'),
  });
  registerFormRoute<MeasureForm>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/measures' },
    path: '/cases/:caseId/measures',
    schema: measureForm,
    toBody: (f) => ({
      version: f.version,
      name: f.name,
      unit: f.unit,
      before: readingOf(f, 'before'),
      after: readingOf(f, 'after'),
    }),
    run: ({ version: read, name: what, unit: of, before, after }, req, res) =>
      addMeasureReadings(
        caseIdOf(req),
        read,
        [before, ...(after ? [after] : [])].map((r) => ({ name: what, unit: of, ...r })),
        res.locals.user,
        withDocuments,
      ),
    key: () => 'measure',
    labels: {
      '': 'Objective measure',
      name: 'Measure',
      unit: 'Unit',
      ...READING_LABELS,
      'readings.0.documentId': 'Document of the reading before',
      'readings.1.documentId': 'Document of the reading after',
    },
    show: casePage.show,
    explain: casePage.explain,
    done: casePage.back('measure', 'measures'),
  });
  registerFormRoute<{ version: number }>(router, deps.api, {
    api: { method: 'delete', path: '/cases/:caseId/measures/:measureId' },
    path: '/cases/:caseId/measures/:measureId/remove',
    schema: removeMeasureQuery,
    toBody: (f) => ({ version: f.version }),
    run: (body, req, res) =>
      removeMeasure(caseIdOf(req), String(req.params.measureId), body.version, res.locals.user, deps),
    key: () => 'measureRemove',
    labels: { '': 'Remove a reading' },
    show: casePage.show,
    explain: casePage.explain,
    done: casePage.back('measure-removed', 'measures'),
  });
}
