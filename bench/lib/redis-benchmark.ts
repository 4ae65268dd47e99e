// The ceiling reference: redis-benchmark (from redis-tools) calling ratelab's own token-bucket script by EVALSHA on
// the same Redis, unpipelined and pipelined, over the same 10,000 keys. No Node.js, no limiter code on the path.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { SCRIPTS, defaultTtlMs, parseRule } from '@ratelab/algorithms';
import { RULES } from './contenders.ts';

const run = promisify(execFile);

export interface CeilingResult {
  name: string;
  pipeline: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

export function redisBenchmarkArgs(port: number, sha: string, pipeline: number, requests: number): string[] {
  const rule = parseRule(RULES['token-bucket']!);
  const [capacity, rate] = SCRIPTS['token-bucket'].params(rule);
  return [
    ...['-h', '127.0.0.1', '-p', String(port), '-c', '64', '-n', String(requests), '-r', '10000', '-P', String(pipeline), '--csv'],
    ...['EVALSHA', sha, '1', 'rl:{bench-rb:__rand_int__}:tb2', '', '1', String(defaultTtlMs(rule)), String(capacity), String(rate)],
  ];
}

export async function loadTokenBucket(redis: Redis): Promise<string> {
  return (await redis.script('LOAD', SCRIPTS['token-bucket'].source)) as string;
}

export async function redisBenchmark(port: number, sha: string, pipeline: number, requests: number): Promise<CeilingResult> {
  const { stdout } = await run('redis-benchmark', redisBenchmarkArgs(port, sha, pipeline, requests), { maxBuffer: 1 << 20 });
  const line = stdout.trim().split('\n').pop() ?? '';
  const cells = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);
  const [rps, , , p50, , p99] = cells.slice(1).map(Number);
  if (!Number.isFinite(rps)) throw new Error(`could not read redis-benchmark output: ${stdout.slice(0, 300)}`);
  return {
    name: `redis-benchmark EVALSHA token-bucket${pipeline > 1 ? ` pipelined (-P ${pipeline})` : ' unpipelined'}`,
    pipeline,
    requestsPerSecond: rps as number,
    p50: p50 as number,
    p99: p99 as number,
  };
}
