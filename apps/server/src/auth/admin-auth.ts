import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors/http-error.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed to equal-length SHA-256 digests and compared
 * with crypto.timingSafeEqual, so neither the comparison time nor an early length check reveals the token.
 */
export function adminAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) {
      throw new HttpError(401, 'unauthorized', 'this route changes rules: send Authorization: Bearer <ADMIN_TOKEN> (printed at server start)');
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    const given = digest(match?.[1] ?? '');
    if (!match || !timingSafeEqual(given, expected)) {
      throw new HttpError(403, 'forbidden', 'the Authorization header does not carry the admin token; use the ADMIN_TOKEN the server printed at start');
    }
    await next();
  };
}
