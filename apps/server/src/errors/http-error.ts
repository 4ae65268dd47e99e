import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RuleError, type Issue } from '@ratelab/algorithms';

/** The one error body every route returns: `{ error: { code, message, issues? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

/** An error a client can act on: a 4xx status, a stable code, a message that says what to change. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string, issues?: Issue[]): ErrorBody {
  return { error: issues && issues.length ? { code, message, issues } : { code, message } };
}

/**
 * The app's single onError. Known errors keep their status; anything else is a bug in the server, logged here
 * and answered with a generic 500 that carries no stack trace. Client input is validated before it can reach
 * code that throws, and Redis failures are decided by `onRedisDown`, so a 500 here means a defect to fix.
 */
export function onError(log: (line: string) => void) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.issues), err.status);
    // A RuleError escaping a route is a rule the client sent: bad input, with its issues.
    if (err instanceof RuleError) return c.json(errorBody('invalid_rule', err.message, err.issues), 400);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? 'body_too_large' : status < 500 ? 'bad_request' : 'internal';
      return c.json(errorBody(code, err.message || 'request rejected'), status);
    }
    log(`internal error on ${c.req.method} ${c.req.path}: ${err.stack ?? String(err)}`);
    return c.json(errorBody('internal', 'the server hit an unexpected problem; it has been logged'), 500);
  };
}
