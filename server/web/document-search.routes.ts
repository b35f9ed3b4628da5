/**
 * Searching a case's records for words, without page script: a plain form on the case file posts
 * the words (never put in a URL: they may be clinical text) to POST /cases/:caseId/documents/search,
 * which answers with the passages where they occur, each with its record and page, and the form
 * again to search once more. The evidence domain's schema and search (which audits it), and the
 * API route's roles.
 */
import type { Request, Response, Router } from 'express';
import { getCase } from '../cases/index.js';
import { documentSearchBody, listCaseDocuments, searchCaseDocuments, type DocumentSearch } from '../evidence/index.js';
import { caseIdOf, type WebDeps } from './case-file.routes.js';
import { markWords } from './document-search.js';
import { registerFormRoute } from './form-route.js';
import { displayDate } from './web-labels.js';
import { renderPage } from './web-views.js';

type Found = Awaited<ReturnType<typeof searchCaseDocuments>>;

async function showSearch(req: Request, res: Response, extra: Record<string, unknown>, status: number, found?: Found) {
  const caseId = caseIdOf(req);
  const [c, documents] = await Promise.all([getCase(caseId, res.locals.user), listCaseDocuments(caseId)]);
  const base = `/api/v1/cases/${caseId}/documents`;
  renderPage(
    res,
    'document-search',
    {
      title: `${c.reference} · search the records`,
      caseId,
      reference: c.reference,
      documents: documents.map((d) => ({ id: d.id, title: d.title, dateText: displayDate(d.date) })),
      matches: found?.matches.map((m) => ({
        ...m,
        dateText: displayDate(m.date),
        href: `${base}/${m.documentId}/content`,
        parts: markWords(m.passage, found.q),
      })),
      total: found?.total,
      moreThanShown: found && found.total > found.matches.length,
      searched: Boolean(found),
      ...extra,
    },
    status,
  );
}

export function documentSearchRoutes(router: Router, deps: WebDeps): void {
  registerFormRoute<DocumentSearch>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/documents/search' },
    path: '/cases/:caseId/documents/search',
    schema: documentSearchBody,
    toBody: (f) => ({ q: f.q, documentId: f.documentId }),
    run: async (body, req, res) => {
      const found = await searchCaseDocuments(caseIdOf(req), body, res.locals.user);
      // What was searched stays in the form, to refine it.
      await showSearch(req, res, { formValues: { search: body } }, 200, found);
    },
    key: () => 'search',
    labels: { q: 'Words', documentId: 'Record' },
    show: (req, res, extra, status) => showSearch(req, res, extra, status),
    done: (req) => `/cases/${caseIdOf(req)}#documents`,
  });
}
