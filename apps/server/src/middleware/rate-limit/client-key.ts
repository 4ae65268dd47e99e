import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address as the socket reports it. Forwarded headers are deliberately ignored: a client could set
 * them to any value and pick its own key. Behind a trusted proxy, pass your own `key` function instead.
 * Under `app.request()` (tests) there is no socket, and every request shares the key "unknown".
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
