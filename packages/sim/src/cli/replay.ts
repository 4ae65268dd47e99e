// The replay CLI: `npm run -s replay -- <file.json | built-in id> [--engine sim|lua|redis] [--redis-url URL] [--json]
// [--list] [--compare sim,lua,redis]`. See docs/scenarios.md. All logic is in main.ts; this file is the process edge.
import { Redis } from 'ioredis';
import RedisMock from 'ioredis-mock';
import type { SimRedis } from '../engine/redis-backend.js';
import { EXIT, main } from './main.js';

type Client = SimRedis & { quit(): Promise<unknown> };

async function connect(engine: 'lua' | 'redis', url: string | undefined): Promise<Client> {
  if (engine === 'lua') return new RedisMock() as unknown as Client;
  // Fail fast instead of reconnecting forever when the URL is wrong or Redis is down.
  const redis = new Redis(url as string, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 5000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return redis as unknown as Client;
}

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  redisUrlFromEnv: process.env.REDIS_URL,
  connect,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  });
