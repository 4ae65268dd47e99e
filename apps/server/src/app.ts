import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppContext } from './app-context.js';
import type { ServerConfig } from './config.js';
import { errorBody, HttpError, onError } from './errors/http-error.js';
import { defaultLabLimits, type LabLimits } from './lab/lab-limits.js';
import { LiveLimiter } from './live/live-limiter.js';
import { boundedBody } from './middleware/body/bounded-body.js';
import { EventHub, type EventHubOptions } from './observability/event-hub.js';
import { Metrics } from './observability/metrics.js';
import { closeConnection, openConnection, type RedisHandle, type ServerRedis } from './redis/connect.js';
import { timed } from './redis/timed.js';
import { Breaker } from './resilience/breaker.js';
import { Heartbeats } from './resilience/heartbeats.js';
import { SharedBreakerSync } from './resilience/shared-breaker.js';
import { checkRoutes } from './routes/check.js';
import { demoRoutes } from './routes/demo.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { raceRoutes } from './routes/race.js';
import { replayRoutes } from './routes/replay.js';
import { ruleRoutes } from './routes/rules.js';
import type { LiveRule } from './rules/live-rule.js';
import { RuleStore } from './rules/rule-store.js';
import { staticRoutes } from './static/spa.js';

export interface AppDeps {
  config: ServerConfig;
  /** The store: embeddedRedis(), redisHandle(config.redis, ...) or anything a test builds. */
  redis: RedisHandle;
  /** App clock in ms for local fallback and heartbeats (default Date.now). */
  clock?: () => number;
  log?: (line: string) => void;
  /** Overrides of the replay/race bounds (tests raise the labs' own rate limit). */
  labs?: Partial<LabLimits>;
  /** Rules seeded into an empty store (default DEFAULT_RULES). */
  defaultRules?: LiveRule[];
  events?: EventHubOptions;
  /** This process's id in heartbeats and the shared breaker (default hostname-pid-random). */
  processId?: string;
}

export interface RatelabServer {
  app: Hono;
  ctx: AppContext;
  /** Connects, seeds/loads rules, starts heartbeats, pub/sub and the shared breaker. Never throws on Redis being down. */
  start(): Promise<void>;
  /** Stops timers and streams and closes the connections this app opened (not `deps.redis.client`). */
  stop(): Promise<void>;
}

/** Builds the server around injected dependencies; main.ts wires the real ones, tests their own. */
export function createApp(deps: AppDeps): RatelabServer {
  const { config } = deps;
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(line));
  const processId = deps.processId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const metrics = new Metrics();
  const observe = (cmd: string, s: number, ok: boolean) => metrics.redisCommand(cmd, s, ok);
  const redis = timed(deps.redis.client, config.redisTimeoutMs, observe);
  const breaker = new Breaker(config.breaker, clock);
  const hub = new EventHub(deps.events);
  const heartbeats = new Heartbeats(redis as never, { id: processId, now: clock, onCount: (n) => metrics.setProcesses(n) });
  const rules = new RuleStore(redis, { checkMs: config.rulesCheckMs, log, ...(deps.defaultRules ? { defaults: deps.defaultRules } : {}) });
  const live = new LiveLimiter({
    redis: redis as never,
    breaker,
    processes: () => heartbeats.count,
    now: clock,
    clock: deps.redis.kind === 'embedded' ? 'app' : 'redis',
    denyRetryMs: config.breaker.openMs,
    onDecision: (d) => {
      metrics.decision(d);
      hub.publish({ event: 'decision', data: { ...d, atMs: clock() } });
    },
  });
  breaker.onTransition((t) => {
    metrics.setBreaker(t.to);
    hub.publish({ event: 'breaker', data: t });
    log(`breaker: ${t.from} -> ${t.to}${t.adopted ? ' (adopted from the shared state in Redis)' : ''}`);
  });
  rules.onChange((s) => {
    metrics.setRulesVersion(s.version);
    live.retain(new Set(s.rules.map((r) => r.id)));
    hub.publish({ event: 'rules', data: { version: s.version, ids: s.rules.map((r) => r.id) } });
  });
  const shared = config.breaker.scope === 'shared' ? new SharedBreakerSync(breaker, redis as never, { id: processId, now: clock }) : undefined;
  const labs = { ...defaultLabLimits(deps.redis.kind === 'embedded'), ...deps.labs };
  const ctx: AppContext = { config, handle: deps.redis, redis, rules, live, breaker, heartbeats, metrics, hub, labs, labsRunning: { count: 0 }, clock, log };

  const app = new Hono();
  app.onError(onError(log));
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}; the API is described in docs/server.md`), 404));
  if (config.corsOrigins.length) {
    const origin = config.corsOrigins.includes('*') ? '*' : config.corsOrigins;
    app.use('/v1/*', cors({ origin, allowHeaders: ['Content-Type', 'Authorization'], exposeHeaders: ['RateLimit', 'RateLimit-Policy', 'Retry-After'] }));
  }
  app.use(
    '/v1/*',
    boundedBody(config.maxBodyBytes, (c) => c.json(errorBody('body_too_large', `request bodies are limited to ${config.maxBodyBytes} bytes (MAX_BODY_BYTES)`), 413)),
  );
  app.route('/', healthRoutes(ctx));
  app.route('/', metricsRoutes(ctx));
  app.route('/', checkRoutes(ctx));
  app.route('/', demoRoutes(ctx));
  app.route('/', ruleRoutes(ctx));
  app.route('/', eventRoutes(ctx));
  app.route('/', raceRoutes(ctx));
  app.route('/', replayRoutes(ctx));
  app.all('/v1/*', () => {
    throw new HttpError(404, 'not_found', 'no such API route; the API is described in docs/server.md');
  });
  app.route('/', staticRoutes(config.staticDir));

  let subscriber: ServerRedis | undefined;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  return {
    app,
    ctx,
    async start() {
      await openConnection(deps.redis.client, Math.max(1000, config.redisTimeoutMs * 8));
      subscriber = deps.redis.connect();
      await openConnection(subscriber, Math.max(1000, config.redisTimeoutMs * 8));
      await rules.start(timed(subscriber, config.redisTimeoutMs * 4, observe));
      await heartbeats.start();
      shared?.start();
      keepalive = setInterval(() => hub.publish({ event: 'ping', data: { atMs: clock() } }), 15_000);
      keepalive.unref?.();
    },
    async stop() {
      if (keepalive) clearInterval(keepalive);
      hub.closeAll();
      rules.stop();
      shared?.stop();
      await heartbeats.stop();
      breaker.stop();
      if (subscriber) closeConnection(subscriber);
    },
  };
}
