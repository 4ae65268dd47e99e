import { Hono } from 'hono';
import RedisMock from 'ioredis-mock';
import type { RedisLike } from '@ratelab/algorithms';
import { describe, expect, it } from 'vitest';
import { LiveLimiter } from '../../live/live-limiter.js';
import { rateLimit, type RateLimitVariables } from './index.js';

describe('rateLimit on a plain Hono app of your own', () => {
  it('protects any route, sets the headers and answers 429 with Retry-After', async () => {
    // ioredis-mock's TIME rounds seconds and can step backwards, so an embedded store decides on the app clock.
    const limiter = new LiveLimiter({ redis: new RedisMock({ host: 'user-app', port: 1 }) as unknown as RedisLike, clock: 'app' });
    const app = new Hono<{ Variables: RateLimitVariables }>();
    app.use(
      '/api/*',
      rateLimit({
        rule: { id: 'api', algorithm: 'gcra', ratePerSecond: 0.01, burst: 2, onRedisDown: 'deny' },
        limiter,
        key: (c) => c.req.header('x-api-key'),
      }),
    );
    app.get('/api/things', (c) => c.json({ things: [], remaining: c.get('rateLimit').remaining }));
    app.get('/open', (c) => c.text('no limit here'));
    const call = () => app.request('/api/things', { headers: { 'x-api-key': 'team-a' } });
    const first = await call();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ things: [], remaining: 1 });
    expect(first.headers.get('RateLimit-Policy')).toBe('"api";q=2;w=200');
    expect(first.headers.get('RateLimit')).toMatch(/^"api";r=1;t=\d+$/);
    expect((await call()).status).toBe(200);
    const third = await call();
    expect(third.status).toBe(429);
    const { decision } = (await third.json()) as { decision: { retryAfterMs: number } };
    expect(decision.retryAfterMs).toBeGreaterThan(0);
    expect(third.headers.get('Retry-After')).toBe(String(Math.ceil(decision.retryAfterMs / 1000)));
    expect((await app.request('/open')).status).toBe(200);
    // No key (the header is missing and there is no socket) falls back to the client address "unknown".
    expect((await app.request('/api/things')).status).toBe(200);
    const badKey = await app.request('/api/things', { headers: { 'x-api-key': 'k'.repeat(300) } });
    expect(badKey.status).toBe(400);
    expect(await badKey.json()).toMatchObject({ error: { code: 'invalid_key' } });
  });
});
