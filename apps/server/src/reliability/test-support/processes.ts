// Test-only: real processes for the reliability tests. Throwaway redis-servers (scripts/lib/redis-server.mjs), the
// project's TCP proxy, and ratelab server processes spawned exactly as `npm start` runs them (main.ts, env config),
// on free ports, with their stdout and stderr captured so tests can read what the server printed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts (no type declarations)
import { freePort as freePortJs, startRedis as startRedisJs } from '../../../../../scripts/lib/redis-server.mjs';

export { startTcpProxy, type TcpProxy } from '../../../../../scripts/lib/tcp-proxy.mjs';
export { writeFigures } from '../../../../../scripts/lib/reliability-figures.mjs';

export interface ThrowawayRedis {
  port: number;
  url: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const startRedis = startRedisJs as (options?: { port?: number; extraArgs?: string[] }) => Promise<ThrowawayRedis>;
export const freePort = freePortJs as () => Promise<number>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const MAIN = path.join(ROOT, 'apps/server/src/main.ts');

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far, in order. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Spawns `node --import tsx apps/server/src/main.ts` with only the given environment (plus PATH and HOME), so no
 * variable of the test runner leaks in. Resolves once it prints that it listens (bounded by `startMs`).
 */
export async function spawnServer(env: Record<string, string>, startMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent-ratelab-web', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen within ${startMs} ms:\n${out}`)), startMs);
    const poll = setInterval(() => {
      if (/listening on http/.test(out)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 25);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    async stop(graceMs = 6000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
