/**
 * The letter templates: handlebars files in templates/letters (and an organisation's own
 * directory), sharing the partials in templates/partials and the helpers of letter-helpers.
 * Compiled once per directory set, in a private Handlebars environment:
 * - `strict: true`: a field the view model lacks throws instead of printing nothing;
 * - `knownHelpersOnly`: only our helpers and the built-in block helpers exist;
 * - prototype access off at run time (Handlebars' default since 4.6, set explicitly here);
 * - no raw output: `{{{…}}}` and `{{&…}}` are refused when a template is loaded, as are
 *   decorators and inline partials, so a template can neither emit unescaped data nor
 *   redefine our partials; partials come only from templates/partials, never from a path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { errorFields } from '../platform/errors.js';
import { LETTER_HELPERS } from './letter-helpers.js';
import type { LetterView } from './letter-view.js';
import { declaredNeeds, type LetterSection } from './letter-sections.js';

/** The letters Overturn ships; an organisation may replace any of them or add its own. */
export const BUILTIN_TEMPLATES = [
  'medical_necessity',
  'prior_authorization',
  'experimental_investigational',
  'coding_correction',
  'timely_filing',
  'expedited_appeal',
  'external_review_request',
  'p2p_request',
] as const;
export type BuiltinTemplate = (typeof BUILTIN_TEMPLATES)[number];

/** templates/ at the project's top, found from here whether this runs from server/ or from the build in dist/. */
export const TEMPLATE_ROOT = path.join(projectRoot(path.dirname(fileURLToPath(import.meta.url))), 'templates');
const LETTER_NAME = /^[a-z][a-z0-9_]{1,63}$/;
const PARTIAL_NAME = /^[a-z][a-z0-9-]{1,63}$/;
const REFUSED: Array<[RegExp, string]> = [
  [/\{\{\{/, 'raw output "{{{" is not allowed: every value must be escaped'],
  [/\{\{~?\s*&/, 'raw output "{{&" is not allowed: every value must be escaped'],
  [/\{\{~?\s*#?\s*\*/, 'decorators and inline partials ("{{*", "{{#*") are not allowed'],
];

export class TemplateError extends Error {
  constructor(
    readonly code: 'TEMPLATE_REFUSED' | 'UNKNOWN_TEMPLATE' | 'TEMPLATE_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Checks a template's source; throws a TemplateError naming the file and the rule it breaks. */
export function checkTemplateSource(label: string, source: string): void {
  for (const [pattern, why] of REFUSED)
    if (pattern.test(source)) throw new TemplateError('TEMPLATE_REFUSED', `Template ${label} refused: ${why}`);
}

export interface LetterTemplates {
  /** Template names available, built-in and organisation's, sorted. */
  names(): string[];
  has(name: string): boolean;
  /** A template's handlebars source. */
  source(name: string): string | undefined;
  /**
   * The sections the template cannot go out without (letter-sections.ts), as its first line declares
   * them; an organisation's template that declares none keeps those of the template it replaces.
   */
  needs(name: string): LetterSection[];
  /** Renders the template to document markup (see platform/pdf/markup.ts). */
  render(name: string, view: LetterView): string;
  /**
   * These templates with more added or replaced (an organisation's, kept in the database),
   * checked and compiled under the same rules and partials.
   * @throws TemplateError TEMPLATE_REFUSED naming the template and the rule it breaks
   */
  with(sources: Map<string, string>): LetterTemplates;
}

function readDir(dir: string, pattern: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.hbs')) continue;
    const name = file.slice(0, -4);
    if (!pattern.test(name))
      throw new TemplateError(
        'TEMPLATE_REFUSED',
        `Template file ${file} in ${path.basename(dir)} refused: its name must match ${pattern.source}`,
      );
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    checkTemplateSource(`${path.basename(dir)}/${file}`, source);
    out.set(name, source);
  }
  return out;
}

// `log` would write data (PHI) to the console: it is not a known helper, so templates cannot call it.
const knownHelpers: Record<string, boolean> = {
  ...Object.fromEntries(Object.keys(LETTER_HELPERS).map((k) => [k, true])),
  log: false,
};
const compileOptions = { strict: true, knownHelpersOnly: true, knownHelpers, preventIndent: true };
const runtimeOptions: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};

/**
 * Loads and compiles the letter templates.
 *
 * @param options.orgDir - an organisation's template directory (config ORG_TEMPLATE_DIR)
 * @param options.root - the templates/ directory (tests point elsewhere)
 * @throws TemplateError TEMPLATE_REFUSED when a file breaks a rule, naming the file
 */
export function loadLetterTemplates(options: { orgDir?: string; root?: string } = {}): LetterTemplates {
  const root = options.root ?? TEMPLATE_ROOT;
  const hb = Handlebars.create();
  hb.unregisterHelper('log');
  for (const [name, fn] of Object.entries(LETTER_HELPERS)) hb.registerHelper(name, fn);
  for (const [name, source] of readDir(path.join(root, 'partials'), PARTIAL_NAME))
    hb.registerPartial(name, hb.compile(source, compileOptions));
  const sources = readDir(path.join(root, 'letters'), LETTER_NAME);
  if (options.orgDir) for (const [name, source] of readDir(options.orgDir, LETTER_NAME)) sources.set(name, source);
  return compileAll(hb, new Map(), new Map(), new Map(), sources);
}

function compileAll(
  hb: typeof Handlebars,
  known: Map<string, Handlebars.TemplateDelegate>,
  knownSources: Map<string, string>,
  knownNeeds: Map<string, LetterSection[]>,
  added: Map<string, string>,
): LetterTemplates {
  const compiled = new Map(known);
  const sources = new Map(knownSources);
  const needs = new Map(knownNeeds);
  for (const [name, source] of added) {
    if (!LETTER_NAME.test(name))
      throw new TemplateError(
        'TEMPLATE_REFUSED',
        `Template ${name} refused: its name must match ${LETTER_NAME.source}`,
      );
    checkTemplateSource(name, source);
    let declared: LetterSection[];
    try {
      declared = declaredNeeds(source);
    } catch (err) {
      throw new TemplateError('TEMPLATE_REFUSED', `Template ${name} refused: ${errorFields(err).message as string}`);
    }
    if (declared.length || !needs.has(name)) needs.set(name, declared);
    try {
      // compile() is lazy; precompile() reports unknown helpers and syntax errors now, at load.
      hb.precompile(source, compileOptions);
      compiled.set(name, hb.compile(source, compileOptions));
      sources.set(name, source);
    } catch (err) {
      throw new TemplateError(
        'TEMPLATE_REFUSED',
        `Template ${name} does not compile: ${String(errorFields(err).message).split('\n')[0]}`,
      );
    }
  }
  return {
    names: () => [...compiled.keys()].sort(),
    has: (name) => compiled.has(name),
    source: (name) => sources.get(name),
    needs: (name) => needs.get(name) ?? [],
    with: (more) => compileAll(hb, compiled, sources, needs, more),
    render(name, view) {
      const template = compiled.get(name);
      if (!template)
        throw new TemplateError(
          'UNKNOWN_TEMPLATE',
          `There is no letter template "${name}"; available: ${[...compiled.keys()].sort().join(', ')}`,
        );
      try {
        return template(view, runtimeOptions);
      } catch (err) {
        throw new TemplateError('TEMPLATE_FAILED', `Template "${name}" could not be rendered: ${renderFault(err)}`);
      }
    },
  };
}

const cache = new Map<string, LetterTemplates>();

/** The compiled templates for a configuration, compiled on first use and kept. */
export function letterTemplates(orgDir?: string): LetterTemplates {
  const key = orgDir ?? '';
  let templates = cache.get(key);
  if (!templates) {
    templates = loadLetterTemplates({ orgDir });
    cache.set(key, templates);
  }
  return templates;
}

/**
 * Why a render failed, without any value from the case: Handlebars' "field not defined"
 * (its field name and position, less the object it prints), our helpers' value-free messages
 * and unknown partials, else only the kind of error. A message such as "Cannot use 'in' operator … in <value>" would
 * quote a patient's data.
 */
function renderFault(err: unknown): string {
  const { name, message: text } = errorFields(err);
  const message = typeof text === 'string' ? text : '';
  const missing = /^("[^"]+" not defined)\b.*?( - \d+:\d+)?$/m.exec(message);
  if (missing) return `${missing[1]}${missing[2] ?? ''}`;
  // Our helpers' messages and an unknown partial's name come from the template, not the case.
  if (/^(formatDate|money|codeList|levelName|plusOne)\b|^The partial .* could not be found$/m.test(message))
    return message.split('\n')[0];
  return (
    `a ${String(name ?? 'error')} where a value was used in a way it cannot ` +
    `be (a field read from text, or a list that is not one)`
  );
}

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('letter templates: no package.json above the service');
  }
}
