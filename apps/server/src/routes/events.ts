import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../errors/http-error.js';

/** GET /v1/events: Server-Sent Events of live decisions, breaker transitions and rule-set versions. */
export function eventRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  r.get('/v1/events', (c) => {
    const sub = ctx.hub.subscribe();
    if (!sub) {
      throw new HttpError(429, 'too_many_subscribers', `at most ${ctx.hub.maxSubscribers} event streams may be open at once; close one or retry later`);
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => sub.close());
      await stream.writeSSE({
        event: 'hello',
        data: JSON.stringify({ breaker: ctx.breaker.state, rulesVersion: ctx.rules.version, redis: ctx.handle.kind }),
      });
      while (!sub.closed && !stream.aborted) {
        for (const e of await sub.next()) await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) });
      }
      sub.close();
    });
  });
  return r;
}
