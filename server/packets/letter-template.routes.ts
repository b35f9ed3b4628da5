import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { templateName } from './packet.schemas.js';
import * as r from './packet.responses.js';
import { getTemplate, listTemplates, removeTemplate, saveTemplate } from './organisation-templates.js';

type NameParams = { name: string };
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
const params = Joi.object({ name: templateName.required() });
const tag = 'letter templates';

/** The organisation's version of a template (version 0 creates it); the page uses it too. */
export const saveTemplateBody = Joi.object<{ version: number; source: string }, true>({
  version: Joi.number().integer().min(0).required(),
  source: Joi.string()
    .min(1)
    .max(100_000)
    .required()
    .description('Handlebars producing Overturn document markup, as the files in templates/letters'),
});

/** The letter templates: everyone reads them; an administrator adds or changes the organisation's own. */
export function registerLetterTemplateRoutes(api: ApiRegistry, deps: DomainDeps): void {
  api.add({
    method: 'get',
    path: '/letter-templates',
    roles: everyone,
    tag,
    summary: 'The letter templates: shipped, and the organisation’s own (which replace a shipped one of the same name)',
    response: r.letterTemplateList,
    handler: handle(async () => ({ templates: await listTemplates(deps) })),
  });
  api.add({
    method: 'get',
    path: '/letter-templates/:name',
    roles: everyone,
    tag,
    summary: 'One template with its handlebars source',
    schemas: { params },
    response: r.letterTemplate,
    handler: handle<NameParams>(({ params: p }) => getTemplate(p.name, deps)),
  });
  api.add({
    method: 'put',
    path: '/letter-templates/:name',
    roles: ['admin'],
    tag,
    summary:
      'Add or change the organisation’s template of this name (version 0 to create); ' +
      'checked and compiled first: escaped output only, no decorators, only Overturn’s ' +
      'helpers and partials (else 422)',
    schemas: {
      params,
      body: saveTemplateBody,
    },
    status: 200,
    response: r.letterTemplate,
    handler: handle<NameParams, unknown, { version: number; source: string }>(({ params: p, body, user }) =>
      saveTemplate(p.name, body, user, deps),
    ),
  });
  api.add({
    method: 'delete',
    path: '/letter-templates/:name',
    roles: ['admin'],
    tag,
    summary: 'Remove the organisation’s template of this name; a shipped one of that name applies again',
    schemas: { params, query: Joi.object({ version: Joi.number().integer().min(1).required() }) },
    status: 200,
    response: r.letterTemplateRemoved,
    handler: handle<NameParams, { version: number }>(async ({ params: p, query }) => {
      await removeTemplate(p.name, query.version);
      return { removed: p.name };
    }),
  });
}
