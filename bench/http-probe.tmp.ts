// @ts-expect-error js helper
import { freePort, startRedis } from '../scripts/lib/redis-server.mjs';
import { spawn } from 'node:child_process';
const srv = await startRedis(); const port = await freePort();
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: srv.url, ADMIN_TOKEN: 'x' }, stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 150; i++) { try { if ((await fetch(url + '/healthz')).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
await fetch(`${url}/v1/rules/bench`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: JSON.stringify({ algorithm: 'token-bucket', capacity: 100, refillPerSecond: 100, onRedisDown: 'deny' }) });
const times: number[] = []; const dec: string[] = [];
for (let i = 0; i < 300; i++) { const t0 = performance.now(); const r = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rule: 'bench', key: 'k' + i }) }); await r.text(); times.push(performance.now() - t0); dec.push(r.headers.get('server-timing') ?? ''); }
times.sort((a, b) => a - b);
console.log('seq p50', times[150]!.toFixed(2), 'ms p90', times[270]!.toFixed(2), 'server-timing sample', dec.slice(-3));
child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); await srv.stop();
