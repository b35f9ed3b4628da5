import { AsyncLocalStorage } from 'node:async_hooks';

/** How a response ended: its status, the problem code when refused or failed, or never finished. */
export interface ResponseOutcome {
  status: number;
  problemCode?: string;
  /** False when the connection closed before the response was complete. */
  finished: boolean;
}

/** Work that must be done before the response's last byte goes out (it may still change the answer). */
export type BeforeResponseEnds = (outcome: ResponseOutcome) => Promise<void>;

/** Per-request facts that logs and the audit trail need without threading them through every call. */
export interface RequestContext {
  requestId: string;
  userId?: string;
  ip?: string;
  /** The code of the problem the response answers, noted by the error handler. */
  problemCode?: string;
  /** Run, then emptied, when the response ends (see http/request-scope.ts). */
  beforeEnd: BeforeResponseEnds[];
  /** Work going on after the response (`afterTheResponse`): nothing waits for it to end. */
  afterResponse?: boolean;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
export const currentRequest = (): RequestContext | undefined => requestContext.getStore();

/**
 * Defers `work` until this request's response ends, and answers true; outside a request (a CLI,
 * a job) it answers false and the caller does the work itself.
 */
export function beforeResponseEnds(work: BeforeResponseEnds): boolean {
  const ctx = currentRequest();
  if (!ctx || ctx.afterResponse) return false;
  ctx.beforeEnd.push(work);
  return true;
}

/**
 * Runs `work` that a request starts and that goes on after its response (a notice read for a page
 * that follows it): its log lines and audit entries keep the request's id, user and address, and
 * what would wait for the response's end is done at once, as in a job (the response, long gone,
 * would never run it).
 */
export function afterTheResponse<T>(work: () => Promise<T>): Promise<T> {
  const ctx = currentRequest();
  if (!ctx) return work();
  const { requestId, userId, ip } = ctx;
  return requestContext.run({ requestId, userId, ip, beforeEnd: [], afterResponse: true }, work);
}

/** Notes which problem the response answers, for work done before it ends. */
export function noteProblem(code: string): void {
  const ctx = currentRequest();
  if (ctx) ctx.problemCode = code;
}
