// Gives every test run a real, throwaway redis-server. `npm test` starts one and passes REDIS_TEST_URL;
// a bare `npx vitest` starts its own here and stops it at the end.
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts
import { startRedis } from './scripts/lib/redis-server.mjs';

let stop: (() => Promise<void>) | undefined;

export async function setup({ provide }: { provide: (key: string, value: string) => void }): Promise<void> {
  let url = process.env.REDIS_TEST_URL;
  if (!url) {
    const redis = await startRedis();
    url = redis.url as string;
    stop = () => redis.stop();
  }
  provide('redisUrl', url);
}

export async function teardown(): Promise<void> {
  await stop?.();
}
