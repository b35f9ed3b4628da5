/**
 * An organisation's own letter templates, added or changed by an administrator through the API
 * and kept in `letter_templates`: they replace a built-in letter of the same name or add a new
 * one. Each is checked and compiled under the same rules as the shipped ones (escaped output
 * only, no decorators, our helpers and partials only, prototype access off) before it is
 * stored, and every change is version-checked.
 */
import mongoose, { Schema } from 'mongoose';
import { errorFields, notFound, unprocessable } from '../platform/errors.js';
import { versionedWrites } from '../platform/db/versioned-write.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { letterTemplates, TemplateError, type LetterTemplates } from './letter-templates.js';
import { specimenLetterView } from './specimen-case.js';
import { parseMarkup } from '../platform/pdf/index.js';

interface OrgTemplateRecord {
  _id: string;
  source: string;
  version: number;
  updatedById: string;
  updatedByName: string;
  updatedAt: Date;
}

const orgTemplateSchema = new Schema<OrgTemplateRecord>(
  {
    _id: String,
    source: { type: String, required: true },
    version: { type: Number, required: true },
    updatedById: String,
    updatedByName: String,
    updatedAt: Date,
  },
  { versionKey: false },
);
const OrgTemplateModel = mongoose.model<OrgTemplateRecord>('OrgLetterTemplate', orgTemplateSchema, 'letter_templates');

const templateWrites = versionedWrites(OrgTemplateModel, {
  entity: 'letter-template',
  label: 'letter template',
  versionField: 'version',
});

/**
 * The last set of templates compiled with the stored ones, by their names and versions: packets
 * and pages ask for the templates on every request, and they change rarely. The app makes one
 * and passes it in with the deps (`letterTemplateCache`); without one, each call compiles afresh.
 */
export class LetterTemplateCache {
  private last: { key: string; templates: LetterTemplates } | undefined;

  get(key: string, compile: () => LetterTemplates): LetterTemplates {
    if (this.last?.key !== key) this.last = { key, templates: compile() };
    return this.last.templates;
  }
}

type Deps = Pick<DomainDeps, 'config' | 'clock'> & { letterTemplateCache?: LetterTemplateCache };

/** The shipped letters (and ORG_TEMPLATE_DIR's) with the organisation's stored ones over them. */
function withStored(deps: Deps, stored: OrgTemplateRecord[]): LetterTemplates {
  const base = letterTemplates(deps.config.orgTemplateDir);
  if (!stored.length) return base;
  const key = `${deps.config.orgTemplateDir ?? ''}|${stored
    .map((t) => `${t._id}@${t.version}`)
    .sort()
    .join(',')}`;
  const compile = () => base.with(new Map(stored.map((t) => [t._id, t.source])));
  return deps.letterTemplateCache ? deps.letterTemplateCache.get(key, compile) : compile();
}

const readStored = () => OrgTemplateModel.find().lean<OrgTemplateRecord[]>();

export async function templatesFor(deps: Deps): Promise<LetterTemplates> {
  return withStored(deps, await readStored());
}

export interface TemplateView {
  name: string;
  /** `organisation` when stored through the API (over any shipped one of the same name). */
  origin: 'shipped' | 'organisation';
  version: number;
  source?: string;
  updatedByName?: string;
  updatedAt?: Date;
}

export async function listTemplates(deps: Deps): Promise<TemplateView[]> {
  const stored = await readStored();
  const byName = new Map(stored.map((t) => [t._id, t]));
  return withStored(deps, stored)
    .names()
    .map((name) => view(name, byName.get(name)));
}

export async function getTemplate(name: string, deps: Deps): Promise<TemplateView> {
  const stored = await readStored();
  const templates = withStored(deps, stored);
  if (!templates.has(name)) throw notFound('Letter template', 'TEMPLATE_NOT_FOUND');
  return {
    ...view(
      name,
      stored.find((t) => t._id === name),
    ),
    source: templates.source(name),
  };
}

function view(name: string, stored?: OrgTemplateRecord): TemplateView {
  return stored
    ? {
        name,
        origin: 'organisation',
        version: stored.version,
        updatedByName: stored.updatedByName,
        updatedAt: stored.updatedAt,
      }
    : { name, origin: 'shipped', version: 0 };
}

/**
 * Stores the organisation's version of a template: `version` 0 creates it, else the version
 * read. Refused with 422 when the source breaks a rule, does not compile, or does not make a
 * letter for the specimen case; nothing is stored then.
 */
export async function saveTemplate(
  name: string,
  input: { version: number; source: string },
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<TemplateView> {
  try {
    // Compiled, then made into a letter for a fictitious case that has every field a letter may
    // use: a misspelt field or broken markup is refused now, not when a clinician needs the letter.
    const markup = letterTemplates(deps.config.orgTemplateDir)
      .with(new Map([[name, input.source]]))
      .render(name, specimenLetterView());
    parseMarkup(markup);
  } catch (err) {
    if (err instanceof TemplateError)
      throw unprocessable(err.code === 'TEMPLATE_FAILED' ? 'TEMPLATE_REFUSED' : err.code, err.message);
    throw unprocessable(
      'TEMPLATE_REFUSED',
      `Template ${name} does not make a valid letter: ${String(errorFields(err).message).split('\n')[0]}`,
    );
  }
  const current = await OrgTemplateModel.findById(name).lean<OrgTemplateRecord>();
  templateWrites.expect(current?.version ?? 0, input.version);
  const fields = {
    source: input.source,
    updatedById: actor.id,
    updatedByName: actor.name,
    updatedAt: deps.clock.now(),
  };
  if (current) await templateWrites.update({ id: name, version: input.version }, { $set: fields });
  else await templateWrites.create(name, { _id: name, ...fields });
  return getTemplate(name, deps);
}

/** Removes the organisation's version: a shipped letter of that name applies again. */
export async function removeTemplate(name: string, version: number): Promise<void> {
  const current = await OrgTemplateModel.findById(name).lean<OrgTemplateRecord>();
  if (!current) throw notFound('Organisation letter template', 'TEMPLATE_NOT_FOUND');
  templateWrites.expect(current.version, version);
  await templateWrites.remove({ id: name, version });
}
