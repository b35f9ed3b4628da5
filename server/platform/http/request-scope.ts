import type { NextFunction, Response } from 'express';
import { requestContext, type RequestContext, type ResponseOutcome } from '../request-context.js';
import { faultForLog, type Logger } from '../logging.js';

/**
 * Runs the rest of the request in its context, and holds back the response's body until the
 * work deferred to it (`beforeResponseEnds`: the audit entries) is done with the response's
 * status, so whoever reads what that work wrote after the response finds it. The body is held at
 * its first byte (a stream, whose status is settled by then) or at its end (`res.send`). The status
 * line and headers go out first (so `res.headersSent` keeps meaning "answered"); when the work
 * fails the connection is cut instead of the body sent, so a read of PHI whose audit entry could
 * not be written is not delivered.
 */
export function runInRequestScope(
  facts: { requestId: string; ip?: string },
  res: Response,
  next: NextFunction,
  logger: Logger,
): void {
  const ctx: RequestContext = { ...facts, beforeEnd: [] };
  /** Body calls wait here while deferred work runs, and go out in their order after it. */
  let held: Promise<unknown> | undefined;
  let waiting = 0;
  const gated = (method: (...args: never[]) => unknown) =>
    function (...args: unknown[]) {
      const work = ctx.beforeEnd.splice(0);
      if (!work.length && !waiting) return Reflect.apply(method, res, args);
      if (!res.headersSent) res.flushHeaders();
      waiting++;
      held = (held ?? Promise.resolve())
        // A client that left while the handler still worked got no complete answer.
        .then(() => work.length && runDeferred(work, outcome(!res.destroyed)))
        .then((failure) => {
          waiting--;
          if (res.destroyed) return;
          if (failure) {
            logger.error('work before the response ended failed', {
              requestId: ctx.requestId,
              error: faultForLog(failure),
            });
            return void res.destroy();
          }
          Reflect.apply(method, res, args);
          if (method !== end) res.emit('drain');
        });
      // A writer (a piped stream) waits for 'drain' before its next chunk.
      return method === end ? res : false;
    };
  const outcome = (finished: boolean): ResponseOutcome => ({
    status: res.statusCode,
    problemCode: ctx.problemCode,
    finished,
  });
  const end = res.end;
  res.write = gated(res.write) as Response['write'];
  res.end = gated(end) as Response['end'];
  // A client that goes away before the answer is complete: the work is still done, as an error.
  res.once('close', () => {
    const work = ctx.beforeEnd.splice(0);
    if (!work.length) return;
    void runDeferred(work, outcome(false)).then(
      (failure) =>
        failure &&
        logger.error('work after the client left failed', { requestId: ctx.requestId, error: faultForLog(failure) }),
    );
  });
  requestContext.run(ctx, next);
}

/** Runs every piece of deferred work; answers the first failure, if any. */
async function runDeferred(work: RequestContext['beforeEnd'], outcome: ResponseOutcome): Promise<unknown> {
  const results = await Promise.allSettled(work.map((w) => w(outcome)));
  const failed = results.find((r) => r.status === 'rejected');
  return failed?.status === 'rejected' ? (failed.reason ?? new Error('deferred work failed')) : undefined;
}
