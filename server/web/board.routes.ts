import type { Response, Router } from 'express';
import { CASE_STATUSES, DENIAL_CATEGORIES, exportCases } from '../cases/index.js';
import { PLAN_TYPES } from '../deadlines/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { carriedFields, loadBoardFigures, loadCaseList, queryString, readBoardQuery } from './board.service.js';
import { boardFigureViews } from './board-charts.js';
import { loadWindowsClosing } from './board-p2p-windows.js';
import { formBody } from './form-errors.js';
import { label } from './web-labels.js';
import { userNames } from '../auth/index.js';
import { attendanceFigureViews } from './attendance-figures.js';

/** Columns the table can be sorted by, and the API sort key each one uses. */
const SORTABLE = [
  { key: 'nextDueDate', text: 'Next deadline' },
  { key: 'amountAtStake', text: 'At stake' },
  { key: 'noticeDate', text: 'Age' },
] as const;

function sortLinks(query: Parameters<typeof queryString>[0]) {
  const current = query.sort ?? 'nextDueDate';
  return Object.fromEntries(
    SORTABLE.map(({ key }) => {
      const active = current === key || current === `-${key}`;
      const descending = current === `-${key}`;
      // Age runs opposite to the notice date: oldest first is ascending notice date.
      const ariaSort = active
        ? (key === 'noticeDate' ? !descending : descending)
          ? 'descending'
          : 'ascending'
        : undefined;
      const value = active && !descending ? `-${key}` : key;
      return [key, { href: queryString(query, { sort: value, page: 1 }), value, ariaSort }];
    }),
  );
}

/**
 * With a search, sorting and paging post the search again (one form each), instead of following a
 * link that would lose it.
 */
function carryForms(query: Parameters<typeof queryString>[0]) {
  return query.q ? { sort: carriedFields(query, ['sort', 'page']), page: carriedFields(query, ['page']) } : null;
}

function filterOptions(query: ReturnType<typeof readBoardQuery>['query']) {
  const pick = (values: readonly string[], chosen?: string[]) =>
    values.map((value) => ({ value, selected: chosen?.includes(value) ?? false }));
  return {
    statuses: pick(CASE_STATUSES, query.status),
    planTypes: pick(PLAN_TYPES, query.planType),
    categories: pick(DENIAL_CATEGORIES, query.category),
  };
}

type BoardQuery = ReturnType<typeof readBoardQuery>;

/** The denial board (billing, managers; directors read only) and the clinician's own case list. */
export function boardRoutes(router: Router, deps: DomainDeps): void {
  const showBoard = async (res: Response, { query, errors }: BoardQuery) => {
    const [list, figures, p2pWindows] = await Promise.all([
      loadCaseList(query, res.locals.user, deps.clock),
      loadBoardFigures(res.locals.user, deps.clock),
      loadWindowsClosing(res.locals.user, deps),
    ]);
    const canExport = ['billing', 'admin'].includes(res.locals.user.role);
    renderPage(res, 'board', {
      title: 'Denial board',
      query,
      errors,
      list,
      searchAction: '/board',
      sort: sortLinks(query),
      carry: carryForms(query),
      options: filterOptions(query),
      exportHref: canExport ? `/api/v1/cases/export.csv${queryString(query, {}, ['page', 'limit'])}` : null,
      ...boardFigureViews(figures),
      figureScope: figures.scope,
      attendance: attendanceFigureViews(figures.adherence, figures.attendance),
      p2pWindows,
    });
  };
  const showCaseList = async (res: Response, { query, errors }: BoardQuery) => {
    const list = await loadCaseList(query, res.locals.user, deps.clock);
    renderPage(res, 'case-list', {
      title: res.locals.user.role === 'clinician' ? 'My cases' : 'Cases',
      query,
      errors,
      list,
      searchAction: '/cases',
      sort: sortLinks(query),
      carry: carryForms(query),
      options: filterOptions(query),
    });
  };
  const boardRoles = requireRole('billing', 'admin', 'medical_director');
  const listRoles = requireRole('clinician', 'billing', 'admin', 'medical_director');
  router.get('/board', boardRoles, (req, res) => showBoard(res, readBoardQuery(req.query)));
  router.post('/board', boardRoles, (req, res) => showBoard(res, readBoardQuery(formBody(req), 'search-form')));
  router.get('/cases', listRoles, (req, res) => showCaseList(res, readBoardQuery(req.query)));
  // A search result's export: the search travels in the posted form, as it came.
  router.post('/board/export.csv', requireRole('billing', 'admin'), async (req, res) => {
    const { query, errors } = readBoardQuery(formBody(req), 'search-form');
    if (Object.keys(errors).length) return showBoard(res, { query, errors });
    const exportWords = { label, userNames };
    const { fileName, csv } = await exportCases(query, res.locals.user, { ...deps, exportWords });
    res.attachment(fileName).type('text/csv').send(csv);
  });
  router.post('/cases', listRoles, (req, res) => showCaseList(res, readBoardQuery(formBody(req), 'search-form')));
}
