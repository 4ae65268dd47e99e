// Public surface of @ratelab/server, for embedding the limiter and middleware in another Hono app.
export { createApp, type AppDeps, type RatelabServer } from './app.js';
export { parseConfig, type ServerConfig } from './config.js';
export { rateLimit, rateLimitHeaders, clientAddress, type RateLimitOptions, type RateLimitVariables } from './middleware/rate-limit/index.js';
export { LiveLimiter, type LiveLimiterOptions } from './live/live-limiter.js';
export type { LiveDecision, DecisionSource } from './live/decision-source.js';
export { parseLiveRule, type LiveRule, type OnRedisDown } from './rules/live-rule.js';
export { embeddedRedis, redisHandle, type RedisHandle } from './redis/connect.js';
