// Entry point: validate configuration, connect, serve, and shut down gracefully on SIGTERM/SIGINT.
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { readConfig } from './config.js';
import { closeConnection, redisHandle } from './redis/connect.js';

const result = readConfig();
if (!result.ok) {
  console.error('ratelab server: the configuration is not valid. Change these environment variables:');
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exit(2);
}
const config = result.config;
const handle = redisHandle(config.redis, config.redisTimeoutMs);
const server = createApp({ config, redis: handle });

if (handle.kind === 'embedded') {
  console.log('ratelab: no REDIS_URL set — running on an EMBEDDED in-process store (ioredis-mock). Rules and counters are');
  console.log('         not shared with other processes and vanish when this process stops. Set REDIS_URL for a real Redis.');
} else {
  console.log(`ratelab: store is ${handle.describe}`);
}
// Redis may come up after the server; failures now are absorbed (onRedisDown) and healed by reconnection.
handle.client.on?.('error', () => {});
await server.start();
if (handle.kind !== 'embedded' && server.ctx.rules.version === 0) {
  console.log('ratelab: Redis is not reachable yet; requests are decided by each rule\'s onRedisDown until it is.');
}
if (config.adminTokenGenerated) {
  console.log(`ratelab: ADMIN_TOKEN was not set; generated one for this run (shown once): ${config.adminToken}`);
}

const http = serve({ fetch: server.app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`ratelab: listening on http://${host}:${info.port}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`ratelab: ${signal} received, finishing in-flight requests (at most ${config.shutdownTimeoutMs} ms)`);
  const force = setTimeout(() => {
    console.error('ratelab: shutdown timed out; exiting with requests still open');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  force.unref();
  // Event streams never end on their own: close them first so the HTTP server can drain.
  await server.stop();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  closeConnection(handle.client);
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
