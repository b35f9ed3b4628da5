import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that logs and the audit trail need without threading them through every call. */
export interface RequestContext {
  requestId: string;
  userId?: string;
  ip?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
export const currentRequest = (): RequestContext | undefined => requestContext.getStore();
