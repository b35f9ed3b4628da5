/**
 * Administration: letter templates. The list (shipped, and the organisation's own over them),
 * one template's source, and saving the organisation's version through the packets domain's
 * own check: escaped output only, Overturn's helpers and partials, and a letter made for the
 * specimen case before anything is stored (422 with the reason otherwise).
 */
import type { Request, Response, Router } from 'express';
import Joi from 'joi';
import {
  getTemplate,
  listTemplates,
  removeTemplate,
  saveTemplate,
  saveTemplateBody,
  templateName,
} from '../packets/index.js';
import type { AppError } from '../platform/errors.js';
import { notFound } from '../platform/errors.js';
import { version } from '../platform/http/common-schemas.js';
import type { WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';
import { noticeOf, recordForm } from './record-form.js';
import type { SectionSpec } from './form-fields.js';
import { displayDate, label } from './web-labels.js';
import { renderPage } from './web-views.js';

const NOTICES: Record<string, string> = {
  saved: 'Template saved. It was checked and made into a specimen letter; new letters use it now.',
  reset: 'The clinic’s version was removed: new letters use the template shipped with Overturn.',
};
const SOURCE: SectionSpec[] = [
  {
    legend: 'Template',
    fields: [
      {
        key: 'source',
        text: 'Handlebars source',
        required: true,
        multiline: true,
        wide: true,
        hint: 'Document markup only (h1–h3, p, ul, ol, li, table, b, i, br); every value escaped with {{ }}',
      },
    ],
  },
];

function nameOf(req: Request): string {
  const { error, value } = templateName.required().validate(req.params.name);
  if (error) throw notFound('Letter template', 'TEMPLATE_NOT_FOUND');
  return value;
}

const explain = (err: AppError) =>
  err.code === 'STALE_VERSION'
    ? 'Another administrator saved this template while you had it open. Here it is as it stands now; ' +
      'apply your change again if it still makes sense.'
    : `Not saved. ${err.message}`;

export function adminTemplateRoutes(router: Router, deps: WebDeps): void {
  router.get('/admin/letter-templates', async (req, res) => {
    const templates = await listTemplates(deps);
    renderPage(res, 'admin-templates', {
      title: 'Letter templates',
      notice: noticeOf(req, NOTICES),
      templates: templates.map((t) => ({
        ...t,
        text: label(t.name),
        originText: t.origin === 'organisation' ? 'The clinic’s own' : 'Shipped with Overturn',
        updatedText: t.updatedAt ? displayDate(t.updatedAt) : undefined,
      })),
    });
  });

  const showOne = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const template = await getTemplate(nameOf(req), deps);
    renderPage(
      res,
      'admin-template',
      {
        title: `${label(template.name)} · letter template`,
        notice: noticeOf(req, NOTICES),
        template: {
          ...template,
          text: label(template.name),
          updatedText: template.updatedAt ? displayDate(template.updatedAt) : undefined,
        },
        resetProblem: (extra.formProblems as Record<string, unknown> | undefined)?.reset,
        ...recordForm(SOURCE, { ...template }, extra, 'template', status),
      },
      status,
    );
  };
  router.get('/admin/letter-templates/:name', (req, res) => showOne(req, res));
  registerFormRoute<{ version: number; source: string }>(router, deps.api, {
    api: { method: 'put', path: '/letter-templates/:name' },
    path: '/admin/letter-templates/:name',
    schema: saveTemplateBody,
    toBody: (f) => ({ version: f.version, source: f.source }),
    run: (body, req, res) => saveTemplate(nameOf(req), body, res.locals.user, deps),
    key: () => 'template',
    labels: { source: 'Handlebars source', version: 'Template' },
    show: showOne,
    explain,
    done: (req) => `/admin/letter-templates/${nameOf(req)}?notice=saved`,
  });
  // Back to the shipped letter: the clinic's version is removed (the version read, as the API's DELETE).
  registerFormRoute<{ version: number }>(router, deps.api, {
    api: { method: 'delete', path: '/letter-templates/:name' },
    path: '/admin/letter-templates/:name/reset',
    schema: Joi.object({ version: version.min(1) }),
    toBody: (f) => ({ version: f.version }),
    run: ({ version: read }, req) => removeTemplate(nameOf(req), read),
    key: () => 'reset',
    labels: { version: 'Template' },
    show: showOne,
    explain,
    done: () => '/admin/letter-templates?notice=reset',
  });
}
