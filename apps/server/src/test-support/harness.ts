// Test-only helpers: a validated config, an app on a fresh embedded store or on a real Redis, and request helpers.
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createApp, type AppDeps, type RatelabServer } from '../app.js';
import { parseConfig, type ServerConfig } from '../config.js';
import { embeddedRedis, redisHandle, type RedisHandle } from '../redis/connect.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export const ADMIN = 'test-admin-token-0123456789';
export const auth = { Authorization: `Bearer ${ADMIN}` };

export function testConfig(env: Record<string, string> = {}): ServerConfig {
  const result = parseConfig({ ADMIN_TOKEN: ADMIN, RULES_CHECK_MS: '100', STATIC_DIR: '/nonexistent-ratelab-web', ...env });
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.config;
}

/** The real test Redis, on database `db` so this file's rule keys do not meet another file's. */
export function realUrl(db: number): string {
  return `${inject('redisUrl')}/${db}`;
}

export async function flushDb(url: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  await r.flushdb();
  r.disconnect();
}

export interface TestServer extends RatelabServer {
  handle: RedisHandle;
  lines: string[];
  close(): Promise<void>;
}

/** A started app on a fresh embedded store (default) or on `url`; close() stops it and its connections. */
export async function startTestServer(options: { url?: string; env?: Record<string, string> } & Partial<AppDeps> = {}): Promise<TestServer> {
  const env = { ...(options.url ? { REDIS_URL: options.url } : {}), ...options.env };
  const config = testConfig(env);
  const handle = options.url ? redisHandle(config.redis, config.redisTimeoutMs) : embeddedRedis();
  if (options.url) handle.client.on('error', () => {});
  const lines: string[] = [];
  const server = createApp({ ...options, config, redis: handle, log: (l) => lines.push(l) });
  await server.start();
  return {
    ...server,
    handle,
    lines,
    async close() {
      await server.stop();
      handle.client.disconnect();
    },
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}

export function put(body: unknown, headers: Record<string, string> = auth): RequestInit {
  return { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}
