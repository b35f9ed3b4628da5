/**
 * The page renderer: handlebars templates under `views/` (pages and partials), compiled once,
 * each page rendered inside `views/layout.hbs`. Its own handlebars instance, so page helpers
 * and letter-template helpers (templates/letters) never mix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Response } from 'express';
import { label, actionLabel, displayDate, datesInWords, money } from './web-labels.js';
import type { AuthenticatedUser, Role } from '../auth/index.js';
import { isObject } from '../platform/guards.js';

const VIEWS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** One field's entry in what form-route.ts gives a refused form back: `formValues` or `formErrors`. */
function refusedFormValue(
  entries: 'formValues' | 'formErrors',
  form: string,
  field: string,
  options: Handlebars.HelperOptions,
): unknown {
  const byForm: unknown = options.data?.root?.[entries];
  const ofForm = isObject(byForm) ? byForm[form] : undefined;
  return isObject(ofForm) ? ofForm[field] : undefined;
}

function refusedFormEntry(...args: Parameters<typeof refusedFormValue>): string {
  const value = refusedFormValue(...args);
  return typeof value === 'string' ? value : '';
}

const hbs = Handlebars.create();
hbs.registerHelper({
  label,
  actionLabel,
  date: displayDate,
  inWords: datesInWords,
  money,
  eq: (a: unknown, b: unknown) => a === b,
  or: (...values: unknown[]) => values.slice(0, -1).find(Boolean) ?? '',
  concat: (...parts: unknown[]) => parts.slice(0, -1).join(''),
  includes: (within: unknown, value: unknown) =>
    Array.isArray(within) ? within.includes(value) : typeof within === 'string' && within.includes(String(value)),
  /** What the user typed in a plain form that was refused (see form-route.ts), to put back in it. */
  typed: (form: string, field: string, options: Handlebars.HelperOptions) =>
    refusedFormEntry('formValues', form, field, options),
  /** The nth of the values typed in boxes that share one name (the alternatives offered), to put back in box n. */
  typedItem: (form: string, field: string, index: number, options: Handlebars.HelperOptions) => {
    const value = refusedFormValue('formValues', form, field, options);
    const item = Array.isArray(value) ? value[index] : index === 0 ? value : undefined;
    return typeof item === 'string' ? item : '';
  },
  /** Why a plain form's field was refused, by its path in the API body, to show beside it. */
  refusal: (form: string, field: string, options: Handlebars.HelperOptions) =>
    refusedFormEntry('formErrors', form, field, options),
  /** `aria-describedby` and `aria-invalid` for a form field that has an error. */
  fieldError: (errors: Record<string, string> | undefined, field: string, id: string) =>
    errors?.[field]
      ? new Handlebars.SafeString(` aria-invalid="true" aria-describedby="${Handlebars.escapeExpression(id)}-error"`)
      : '',
  /** `aria-describedby` (hint, error) and `aria-invalid` for the `field` partial's input. */
  fieldAttrs: (id: string, hint: unknown, error: unknown) => {
    const safeId = Handlebars.escapeExpression(id);
    const described = [hint ? `${safeId}-hint` : '', error ? `${safeId}-error` : ''].filter(Boolean).join(' ');
    return new Handlebars.SafeString(
      `${error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}`,
    );
  },
});

function loadDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir))
    if (file.endsWith('.hbs')) out.set(file.slice(0, -4), fs.readFileSync(path.join(dir, file), 'utf8'));
  return out;
}

for (const [name, source] of loadDir(path.join(VIEWS, 'partials'))) hbs.registerPartial(name, source);
const layout = hbs.compile(fs.readFileSync(path.join(VIEWS, 'layout.hbs'), 'utf8'));
const pages = new Map([...loadDir(path.join(VIEWS, 'pages'))].map(([name, source]) => [name, hbs.compile(source)]));

interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

const NAV: Array<NavItem & { roles: Role[] }> = [
  { href: '/board', text: 'Denial board', roles: ['billing', 'admin', 'medical_director'] },
  { href: '/cases', text: 'My cases', roles: ['clinician'] },
  { href: '/cases', text: 'Cases', roles: ['billing', 'admin', 'medical_director'] },
  { href: '/cases/new', text: 'New case', roles: ['clinician', 'billing', 'admin'] },
  { href: '/p2p', text: 'Peer-to-peer', roles: ['medical_director', 'admin', 'clinician'] },
  { href: '/guidelines', text: 'Guidelines', roles: ['clinician', 'medical_director', 'billing', 'admin'] },
  { href: '/imports', text: 'Imports', roles: ['billing', 'admin'] },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
];

/** The page a role lands on after sign-in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'billing':
    case 'admin':
      return '/board';
    case 'clinician':
      return '/cases';
    case 'medical_director':
      return '/p2p';
  }
}

/** A nav item is current on its own page and below it; "My cases" is not current on "New case". */
function isCurrent(href: string, here: string): boolean {
  if (here === href) return true;
  // The intake (a new case, a notice being read for it) is "New case", not "Cases".
  const intake = here === '/cases/new' || here.startsWith('/cases/new/');
  return here.startsWith(`${href}/`) && !(href === '/cases' && intake);
}

/** Renders a page view model inside the layout, with the navigation for the signed-in role. */
export function renderPage(
  res: Response,
  page: string,
  model: { title: string; [key: string]: unknown },
  status = 200,
): void {
  const template = pages.get(page);
  if (!template) throw new Error(`No page template ${page}`);
  const user: AuthenticatedUser | undefined = res.locals.user;
  const here = res.req.path;
  const nav = user
    ? NAV.filter((n) => n.roles.includes(user.role)).map(({ href, text }) => ({
        href,
        text,
        current: isCurrent(href, here),
      }))
    : [];
  const context = { ...model, user, nav, csrfToken: res.locals.csrfToken };
  const body = template(context);
  res
    .status(status)
    .type('html')
    .send(layout({ ...context, body }));
}
