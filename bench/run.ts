// `npm run bench`: ratelab's limiters against rate-limiter-flexible and @upstash/ratelimit on one throwaway Redis,
// in interleaved rounds, plus the redis-benchmark ceiling, command and memory costs, and HTTP through the server.
// Flags: --rounds N (7), --seconds S per measurement (1), --http-seconds S (5), --no-http. Writes
// bench/results.json, docs/benchmarks.md and docs/benchmarks.svg; prints everything it measured. It is a benchmark, not a test.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
// @ts-expect-error: plain JavaScript helper shared with the test setup
import { freePort, hasCommand, startRedis } from '../scripts/lib/redis-server.mjs';
import { renderChart } from './chart.ts';
import { renderReport } from './report.ts';
import { contenders, type Contender } from './lib/contenders.ts';
import { httpBench, type HttpResult } from './lib/http.ts';
import { measure, median, type Sample } from './lib/measure.ts';
import { commandCost, memoryPerKey, slidingLogPerEntry } from './lib/redis-stats.ts';
import { loadTokenBucket, redisBenchmark, redisBenchmarkArgs, type CeilingResult } from './lib/redis-benchmark.ts';
import { fmtInt, fmtMs, fmtRatio, table } from './lib/table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} must be a positive number (got ${args[i + 1]})`);
    process.exit(2);
  }
  return v;
};
const ROUNDS = Math.round(flag('rounds', 7));
const SECONDS = flag('seconds', 1);
const HTTP_SECONDS = flag('http-seconds', 5);
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);
const CONCURRENCY = 64;

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const nproc = execFileSync('nproc').toString().trim();
  const redis = /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? 'unknown';
  return { nproc, cpu, node: process.version, redis, loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))) };
}

async function main() {
  const started = Date.now();
  const info = machine();
  console.log(`ratelab bench — ${info.nproc} cores, ${info.cpu}, Node ${info.node}, Redis ${info.redis}`);
  console.log(`load average at start: ${info.loadAverageAtStart.join(' ')} (the machine is shared: ratios in one run are what to compare)`);
  console.log(`${ROUNDS} interleaved rounds × ${SECONDS} s per contender, ${CONCURRENCY} checks in flight, ${KEYS.length} keys\n`);
  const server = await startRedis();
  const plain = new Redis(server.url);
  const auto = new Redis(server.url, { enableAutoPipelining: true });
  const admin = new Redis(server.url);
  try {
    const all = contenders(plain, auto);
    const samples = new Map<string, Sample[]>(all.map((c) => [c.name, []]));
    const ceilings = new Map<string, CeilingResult[]>();
    const sha = await loadTokenBucket(admin);
    const hasRedisBenchmark = hasCommand('redis-benchmark') as boolean;
    if (!hasRedisBenchmark) console.log('redis-benchmark: skipped (not installed; on Debian: apt-get install redis-tools)\n');
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotate the order each round so no contender always runs first (cold) or last.
      const order = all.map((_, i) => all[(i + round * 3) % all.length] as Contender);
      for (const c of order) {
        const s = await measure(c.check, { keys: KEYS, concurrency: CONCURRENCY, warmupMs: 300, durationMs: SECONDS * 1000 });
        samples.get(c.name)!.push(s);
      }
      for (const pipeline of hasRedisBenchmark ? [1, 16] : []) {
        const r = await redisBenchmark(server.port, sha, pipeline, pipeline === 1 ? 30_000 : 80_000);
        ceilings.set(r.name, [...(ceilings.get(r.name) ?? []), r]);
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }

    // Ratios per round against that round's best peer, then the median: drift on a shared machine cancels out.
    const peers = all.filter((c) => c.group === 'peer');
    const bestPeerPerRound = Array.from({ length: ROUNDS }, (_, r) => Math.max(...peers.map((p) => samples.get(p.name)![r]!.decisionsPerSecond)));
    const bestPeer = peers.map((p) => ({ p, m: median(samples.get(p.name)!.map((s) => s.decisionsPerSecond)) })).sort((a, b) => b.m - a.m)[0]!;
    const rows = all.map((c) => {
      const s = samples.get(c.name)!;
      return {
        name: c.name,
        group: c.group,
        decisionsPerSecond: median(s.map((x) => x.decisionsPerSecond)),
        min: Math.min(...s.map((x) => x.decisionsPerSecond)),
        max: Math.max(...s.map((x) => x.decisionsPerSecond)),
        p50: median(s.map((x) => x.p50)),
        p95: median(s.map((x) => x.p95)),
        p99: median(s.map((x) => x.p99)),
        allowedShare: median(s.map((x) => x.allowedShare)),
        ratioToBestPeer: median(s.map((x, r) => x.decisionsPerSecond / bestPeerPerRound[r]!)),
        rounds: s.map((x) => Math.round(x.decisionsPerSecond)),
      };
    });
    console.log(`\nDecisions per second (median of ${ROUNDS} rounds) and latency in ms; ratio = median over rounds of (contender / best peer of that round)`);
    console.log(`best peer: ${bestPeer.p.name} at ${fmtInt(bestPeer.m)}/s\n`);
    console.log(
      table(
        ['contender', 'decisions/s', 'min..max', 'p50', 'p95', 'p99', 'allowed', 'vs best peer'],
        rows.map((r) => [r.name, fmtInt(r.decisionsPerSecond), `${fmtInt(r.min)}..${fmtInt(r.max)}`, fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.p99), `${(r.allowedShare * 100).toFixed(0)}%`, fmtRatio(r.ratioToBestPeer)]),
      ),
    );
    const ceilingRows = [...ceilings.entries()].map(([name, rs]) => ({
      name,
      requestsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      pipeline: rs[0]!.pipeline,
    }));
    console.log(`\nCeiling reference, same Redis, same run: redis-benchmark ${redisBenchmarkArgs(server.port, '<sha>', 1, 30_000).join(' ').replace(/-P 1/, '-P {1,16}')}`);
    console.log(table(['reference', 'calls/s', 'p50', 'p99'], ceilingRows.map((r) => [r.name, fmtInt(r.requestsPerSecond), fmtMs(r.p50), fmtMs(r.p99)])));
    const tbBatch = rows.find((r) => r.name === 'ratelab token-bucket (batch)')!;
    const pipelined = ceilingRows.find((r) => r.pipeline > 1);
    if (pipelined) console.log(`ratelab token-bucket (batch) = ${fmtRatio(tbBatch.decisionsPerSecond / pipelined.requestsPerSecond)} of redis-benchmark pipelined`);

    console.log('\nRedis work per decision (INFO commandstats and INFO cpu deltas over 10,000 decisions of one contender alone; CPU time is less sensitive to a busy machine than throughput)');
    const costs = [];
    for (const c of all) costs.push(await commandCost(admin, c, KEYS, 10_000));
    console.log(
      table(
        ['contender', 'sent/decision', 'ratelab round trips/decision', 'executed/decision', 'Redis CPU µs', 'Node CPU µs', 'executed commands per decision'],
        costs.map((c) => [
          c.name,
          c.sentPerDecision.toFixed(3),
          Number.isFinite(c.roundTripsPerDecision) ? c.roundTripsPerDecision.toFixed(3) : '—',
          c.executedPerDecision.toFixed(2),
          c.redisCpuUs.toFixed(1),
          c.nodeCpuUs.toFixed(1),
          c.breakdown,
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    );

    console.log('\nRedis memory per tracked key (MEMORY USAGE ... SAMPLES 0, 1,000 fresh keys checked once each)');
    const memory = [];
    for (const c of all.filter((x) => x.client === 'plain' && x.group !== 'ratelab-batch')) memory.push(await memoryPerKey(admin, c, 1000));
    console.log(table(['contender', 'bytes/key', 'Redis keys per client key'], memory.map((m) => [m.name, fmtInt(m.bytesPerKey), m.redisKeysPerKey.toFixed(2)])));
    const log = await slidingLogPerEntry(plain, admin);
    console.log(table(['sliding log with', 'bytes (log + meta)', 'bytes per logged request'], log.map((l) => [`${l.entries} entries`, fmtInt(l.bytes), Number.isFinite(l.perEntry) ? fmtInt(l.perEntry) : '—'])));

    let http: HttpResult | { skipped: string } = { skipped: 'not run (--no-http)' };
    if (!args.includes('--no-http')) http = await httpBench(root, server.url, await freePort(), KEYS, HTTP_SECONDS);
    if ('skipped' in http) console.log(`\nHTTP: skipped (${http.skipped})`);
    else
      console.log(
        `\nHTTP POST /v1/check (autocannon, 64 connections, ${HTTP_SECONDS} s, token-bucket rule): ${fmtInt(http.requestsPerSecond)} decisions/s, ` +
          `p50 ${http.p50} ms, p99 ${http.p99} ms, non-2xx ${http.non2xx}, errors ${http.errors}, allowed in a 50-request sample ${(http.allowedShareOfSample * 100).toFixed(0)}% (sources: ${JSON.stringify(http.sampleSources)})`,
      );

    const results = {
      date: new Date().toISOString(),
      command: `npm run bench -- ${args.join(' ')}`.trim(),
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))) },
      settings: { rounds: ROUNDS, secondsPerMeasurement: SECONDS, concurrency: CONCURRENCY, keys: KEYS.length },
      bestPeer: { name: bestPeer.p.name, decisionsPerSecond: bestPeer.m },
      rows,
      ceilings: ceilingRows,
      costs,
      memory,
      slidingLog: log,
      http,
      durationSeconds: Math.round((Date.now() - started) / 1000),
    };
    writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(root, 'docs/benchmarks.svg'), renderChart(results));
    writeFileSync(path.join(root, 'docs/benchmarks.md'), renderReport(results));
    console.log(`\nwrote bench/results.json, docs/benchmarks.md and docs/benchmarks.svg (${results.durationSeconds} s in all)`);
  } finally {
    plain.disconnect();
    auto.disconnect();
    admin.disconnect();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
