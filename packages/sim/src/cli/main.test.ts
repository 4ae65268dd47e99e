import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mockRedis, realRedis, testRedisUrl } from '@ratelab/algorithms/source/test-support/redis.ts';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../builtins.js';
import type { SimRedis } from '../engine/redis-backend.js';
import { main, type CliIo } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'ratelab-replay-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function cli(argv: string[], env: { redisUrl?: string } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    redisUrlFromEnv: env.redisUrl,
    connect: async (engine) => {
      if (engine === 'lua') return Object.assign(mockRedis() as SimRedis, { quit: async () => 'OK' });
      const redis = realRedis();
      return redis as unknown as SimRedis & { quit(): Promise<unknown> };
    },
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('replay CLI', () => {
  it('--list lists every built-in', async () => {
    const r = await cli(['--list']);
    expect(r.code).toBe(0);
    for (const s of BUILTIN_SCENARIOS) expect(r.out).toContain(s.id);
  });

  it.each(BUILTIN_SCENARIOS.map((s) => [s.id] as const))('%s --json prints only the trace, byte-identical on every run', async (id) => {
    const a = await cli([id, '--json']);
    const b = await cli([id, '--json']);
    expect(a.code).toBe(0);
    expect(a.err).toBe('');
    expect(a.out).toBe(b.out);
    const trace = JSON.parse(a.out);
    expect(trace).toMatchObject({ format: 1, scenario: id, engine: 'sim' });
  });

  it('prints a readable table and a text chart per limiter without --json', async () => {
    const r = await cli(['boundary-spike']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/== fixed: fixed-window limit=10 windowMs=1000/);
    expect(r.out).toMatch(/max allowed in 1000 ms/);
    expect(r.out).toMatch(/allowed \|[ ▁▂▃▄▅▆▇█]+\|/);
  });

  it('reads a scenario file, and --compare sim,lua finds no difference', async () => {
    const path = file('ok.json', JSON.stringify({ format: 1, durationMs: 1000, limiters: [{ id: 'g', algorithm: 'gcra', ratePerSecond: 5, burst: 3 }], clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: 10 } }] }));
    const r = await cli([path, '--compare', 'sim,lua']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/same: sim, lua agree on all 10 decisions/);
  });

  it('--engine redis runs against --redis-url (or REDIS_URL) and --compare sim,redis agrees', async () => {
    const r = await cli(['replicas-race', '--compare', 'sim,redis', '--json'], { redisUrl: testRedisUrl() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ same: true });
    const missing = await cli(['replicas-race', '--engine', 'redis']);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/needs --redis-url URL or REDIS_URL/);
  });

  it.each([
    ['not JSON', '{ "format": 1,', [/\(file\): not valid JSON/]],
    ['unknown fields and algorithms', JSON.stringify({ format: 1, durationMs: 1000, extra: 1, limiters: [{ id: 'x', algorithm: 'magic' }], clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [1] }, colour: 'red' }] }), [/\(file\): Unrecognized key: "extra"/, /limiters\[0\]\.algorithm: algorithm must be one of/, /clients\[0\]: Unrecognized key: "colour"/]],
    ['impossible numbers', JSON.stringify({ format: 1, durationMs: 1000, limiters: [{ id: 'x', algorithm: 'fixed-window', limit: -1, windowMs: 0.5 }], clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: 5, fromMs: 900, toMs: 100 } }] }), [/limiters\[0\]\.limit: limit must be at least 1/, /limiters\[0\]\.windowMs: windowMs must be a whole number/]],
    ['over the size limits', JSON.stringify({ format: 1, durationMs: 86_400_000, limiters: [{ id: 'x', algorithm: 'gcra', ratePerSecond: 1, burst: 1 }], clients: [{ id: 'a', arrivals: { kind: 'poisson', ratePerSecond: 50_000 } }] }), [/clients: the clients would generate about/]],
  ] as const)('a bad file (%s) exits 2 with every problem and its path on stderr, nothing on stdout', async (_name, content, patterns) => {
    const r = await cli([file(`bad-${_name.replace(/\W/g, '-')}.json`, content), '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const p of patterns) expect(r.err).toMatch(p);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--compare exits 1 and names the first differing decision when an engine disagrees', async () => {
    let out = '';
    const real = mockRedis() as SimRedis;
    let replies = 0;
    // A Redis whose third script reply comes back flipped: the kind of disagreement --compare exists to catch.
    const tampered = async (reply: Promise<unknown>) => {
      const value = (await reply) as number[];
      replies += 1;
      return replies === 3 ? [1 - (value[0] as number), ...value.slice(1)] : value;
    };
    const io: CliIo = {
      out: (t) => (out += t),
      err: () => undefined,
      redisUrlFromEnv: undefined,
      connect: async () =>
        Object.assign(Object.create(real) as SimRedis, {
          evalsha: (...a: unknown[]) => tampered(real.evalsha(...a)),
          eval: (...a: unknown[]) => tampered(real.eval(...a)),
          quit: async () => 'OK',
        }),
    };
    expect(await main(['gcra-equals-token-bucket', '--compare', 'sim,lua'], io)).toBe(1);
    expect(out).toMatch(/^DIFFERENT: sim vs lua: limiter "token-bucket" decision #2 .* allowed is (true|false) on sim but (true|false) on lua/);
  });

  it('exits 2 for a missing file and for bad arguments', async () => {
    expect((await cli(['/nonexistent/x.json'])).err).toMatch(/no such file, and not a built-in scenario id/);
    expect((await cli(['boundary-spike', '--engine', 'quantum'])).code).toBe(2);
    expect((await cli(['boundary-spike', '--frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it('as a real process: exit codes, nothing on stdout and no stack trace for a bad file, --json is the trace', async () => {
    const run = promisify(execFile);
    const bad = file('bad-process.json', '{"format": 2}');
    const failure = await run(process.execPath, ['--import', 'tsx', 'packages/sim/src/cli/replay.ts', bad, '--json'], { cwd: process.cwd() }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect((failure as { stderr: string }).stderr).toMatch(/format: format must be 1/);
    expect((failure as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
    const ok = await run(process.execPath, ['--import', 'tsx', 'packages/sim/src/cli/replay.ts', 'clock-skew', '--json'], { cwd: process.cwd() });
    expect(JSON.parse(ok.stdout)).toMatchObject({ scenario: 'clock-skew' });
  });
});
