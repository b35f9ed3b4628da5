import supertest from 'supertest';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Express } from 'express';
import { createUser, type Role } from '../../server/auth/index.js';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { launchBrowser, listen, newPage, signIn } from '../support/browser.js';

let counter = 0;

/** A user who can sign in on the web (the API's test users have tokens only). */
export async function makeWebUser(role: Role, name = `Web ${role} ${++counter}`) {
  const email = `web-${role}-${Date.now()}-${++counter}@clinic.test`;
  const password = `pw-${role}-${counter}-long-enough`;
  const { user, token } = await createUser({ name, role, email, password });
  return { ...user, email, password, auth: { Authorization: `Bearer ${token}` } };
}

/** The CSRF token a page put in its forms. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** A browser-like agent (keeps cookies) signed in as the user; returns it with its CSRF token. */
export async function signedInAgent(app: Express, user: { email: string; password: string }) {
  const agent = supertest.agent(app);
  const form = await agent.get('/sign-in');
  const res = await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email: user.email, password: user.password });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const home = await agent.get(res.headers.location);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'])
    .find((c) => c.startsWith('ovt_session='))!
    .split(';')[0];
  return { agent, csrf: csrfOf(home.text), home: res.headers.location as string, cookie };
}

/** A new web user of `role`, and a browser-like agent signed in as them. */
export async function signedInUser(app: Express, role: Role) {
  const user = await makeWebUser(role);
  return { user, ...(await signedInAgent(app, user)) };
}

/** Sends the intake form as its page does: `form` holds every field, the CSRF token among them. */
export const sendIntakeForm = (agent: ReturnType<typeof supertest.agent>, form: Record<string, string>) =>
  agent.post('/cases/new').type('form').send(form);

/**
 * Sends the intake form expecting a case opened (failing with the form's error summary if not).
 * @returns the new case's id and the address the form went on to
 */
export async function openCaseByForm(agent: ReturnType<typeof supertest.agent>, form: Record<string, string>) {
  const sent = await sendIntakeForm(agent, form);
  const why = /error-summary[\s\S]*?<\/ul>/.exec(sent.text)?.[0] ?? sent.text.slice(0, 400);
  expect(sent.status, why).to.equal(303);
  const caseId = /^\/cases\/([0-9a-f]{24})\?/.exec(sent.headers.location)?.[1];
  expect(caseId, sent.headers.location).to.be.a('string');
  return { caseId: caseId!, location: sent.headers.location as string };
}

/** Checks the page with axe-core against WCAG 2.1 A and AA; serious and critical findings fail, named. */
export async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(report, `${what}:\n${report.join('\n')}`).to.deep.equal([]);
}

/** A complete intake form as a browser posts it. */
export function intakeForm(overrides: Record<string, string> = {}) {
  return {
    'patient[firstName]': 'Hannah',
    'patient[lastName]': 'Berg',
    'patient[dateOfBirth]': '1968-05-14',
    'patient[sex]': 'female',
    'patient[mrn]': 'MRN-55102',
    'payer[name]': 'Acme Health Plan',
    'payer[planType]': 'erisa_group',
    'payer[memberId]': 'XJH-55102',
    'service[cptCodes]': '72148',
    'service[icd10Codes]': 'M54.16, M51.26',
    'service[description]': 'MRI lumbar spine without contrast',
    'service[billedAmount]': '1840.50',
    'service[requestType]': 'post_service',
    'denial[noticeDate]': '2026-11-02',
    'denial[category]': 'medical_necessity',
    'denial[carc]': 'CO-50',
    'denial[rarc]': '',
    'denial[payerReason]': 'Not medically necessary without six weeks of conservative therapy.',
    'treatingClinician[name]': 'Dr. Priya Natarajan',
    priority: 'standard',
    ...overrides,
  };
}

/** The app under test with its clock, listening on 127.0.0.1, and a headless Chromium to drive it. */
export interface BrowserWorld extends ReturnType<typeof testApp> {
  browser: Browser;
  baseUrl: string;
  /** A fresh browser context (own cookies) at 1366×768 on the clinic's clock, and its page. */
  newPage(): ReturnType<typeof newPage>;
  /** A page in a fresh context with JavaScript turned off, signed in as `user`: the pages without script. */
  scriptlessPage(user: { email: string; password: string }): Promise<Page>;
}

/**
 * Starts the app and Chromium before the describe block's tests and stops both after them; call
 * it in the describe block. The clock starts at `now` (default Monday 23 Nov 2026, 9:00 in New York).
 */
export function browserWorld(now = new Date('2026-11-23T14:00:00Z')): BrowserWorld {
  let stop: (() => Promise<void>) | undefined;
  const world = {
    newPage: () => newPage(world.browser, world.baseUrl),
    async scriptlessPage(user) {
      const context = await world.browser.newContext({
        baseURL: world.baseUrl,
        javaScriptEnabled: false,
        timezoneId: 'America/New_York',
        viewport: { width: 1366, height: 768 },
      });
      const page = await context.newPage();
      await signIn(page, user.email, user.password);
      return page;
    },
  } as BrowserWorld;
  before(async () => {
    Object.assign(world, testApp(now));
    const server = await listen(world.app);
    stop = server.close;
    world.baseUrl = server.baseUrl;
    world.browser = await launchBrowser();
  });
  after(async () => {
    await world.browser?.close();
    await stop?.();
  });
  return world;
}

/** A case opened through the API with `user` as its treating clinician, so theirs to see; its id. */
export async function openCaseFor(
  http: ReturnType<typeof testApp>['http'],
  user: { id: string; auth: Record<string, string> },
): Promise<string> {
  const created = await http
    .post('/api/v1/cases')
    .set(user.auth)
    .send(caseBody({ treatingClinician: { ...caseBody().treatingClinician, userId: user.id } }));
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  return created.body.id as string;
}

/** Clicks a button of a form the page sends to the API and waits for the reload; fails with the refusal shown. */
export async function submitApiForm(page: Page, scope: ReturnType<Page['locator']>, button: string) {
  const loaded = page.waitForEvent('load');
  await scope.getByRole('button', { name: button }).click();
  const summary = scope.locator('[data-api-summary]:not([hidden])');
  const outcome = await Promise.race([
    loaded.then(() => null),
    summary
      .waitFor()
      .then(async () => `${await summary.textContent()} ${await scope.locator('.error').allTextContents()}`),
  ]);
  expect(outcome, `${button} was refused`).to.equal(null);
}

/** What a plain form's notice came to: the post's answer, the reading page's words on the way, the page it ended on. */
export interface NoticeSentWithoutScript {
  sent: supertest.Response;
  seen: string[];
  ended: supertest.Response;
}

/**
 * Sends a notice with the intake page's plain form, as a browser without script does, and follows
 * the page saying how its reading goes, as its refresh would (sooner), to the page it ends on: the
 * form opened from the notice (303) or the intake form saying why it was not read.
 * @param file - the file's bytes and the name (or name and type) it is sent under
 */
export async function sendNoticeWithoutScript(
  agent: ReturnType<typeof supertest.agent>,
  file: Buffer,
  name: string | { filename: string; contentType: string },
): Promise<NoticeSentWithoutScript> {
  const form = await agent.get('/cases/new');
  const sent = await agent.post('/cases/new/notice').field('_csrf', csrfOf(form.text)).attach('file', file, name);
  const seen: string[] = [];
  if (sent.status !== 303) return { sent, seen, ended: sent };
  expect(sent.headers.location, 'only a random key in the address').to.match(/^\/cases\/new\/notice\/[0-9a-f]{32}$/);
  for (;;) {
    const page = await agent.get(sent.headers.location);
    const status = /id="notice-reading-status"[^>]*>([^<]*)</.exec(page.text)?.[1];
    if (page.status !== 200 || status === undefined) return { sent, seen, ended: page };
    seen.push(status);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
