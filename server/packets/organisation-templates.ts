/**
 * An organisation's own letter templates, added or changed by an administrator through the API
 * and kept in `letter_templates`: they replace a built-in letter of the same name or add a new
 * one. Each is checked and compiled under the same rules as the shipped ones (escaped output
 * only, no decorators, our helpers and partials only, prototype access off) before it is
 * stored, and every change is version-checked.
 */
import mongoose, { Schema } from 'mongoose';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { claimVersion } from '../platform/db/version-claim.js';
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

type Deps = Pick<DomainDeps, 'config' | 'clock'>;

// The last compiled set, by the stored templates' names and versions: packets and pages ask for
// the templates on every request, and they change rarely.
let compiled: { key: string; templates: LetterTemplates } | undefined;

/** The shipped letters (and ORG_TEMPLATE_DIR's) with the organisation's stored ones over them. */
function withStored(deps: Deps, stored: OrgTemplateRecord[]): LetterTemplates {
  const base = letterTemplates(deps.config.orgTemplateDir);
  if (!stored.length) return base;
  const key = `${deps.config.orgTemplateDir ?? ''}|${stored
    .map((t) => `${t._id}@${t.version}`)
    .sort()
    .join(',')}`;
  if (compiled?.key !== key) compiled = { key, templates: base.with(new Map(stored.map((t) => [t._id, t.source]))) };
  return compiled.templates;
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
      `Template ${name} does not make a valid letter: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const current = await OrgTemplateModel.findById(name).lean<OrgTemplateRecord>();
  if ((current?.version ?? 0) !== input.version)
    throw conflict(
      'STALE_VERSION',
      `The template is at version ${current?.version ?? 0}; you sent ${input.version}. ` +
        `Reload it and apply your change again.`,
      { currentVersion: current?.version ?? 0 },
    );
  // One writer per version, on FerretDB v1 as on MongoDB (see platform/db/version-claim.ts).
  const release = await claimVersion('letter-template', name, input.version + 1);
  const fields = {
    source: input.source,
    version: input.version + 1,
    updatedById: actor.id,
    updatedByName: actor.name,
    updatedAt: deps.clock.now(),
  };
  try {
    if (current) await OrgTemplateModel.updateOne({ _id: name, version: input.version }, { $set: fields });
    else await OrgTemplateModel.create({ _id: name, ...fields });
  } catch (err) {
    await release();
    throw err;
  }
  return getTemplate(name, deps);
}

/** Removes the organisation's version: a shipped letter of that name applies again. */
export async function removeTemplate(name: string, version: number): Promise<void> {
  const current = await OrgTemplateModel.findById(name).lean<OrgTemplateRecord>();
  if (!current) throw notFound('Organisation letter template', 'TEMPLATE_NOT_FOUND');
  if (current.version !== version)
    throw conflict('STALE_VERSION', `The template is at version ${current.version}; you sent ${version}.`, {
      currentVersion: current.version,
    });
  await OrgTemplateModel.deleteOne({ _id: name, version });
}
