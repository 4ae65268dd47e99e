// Closed-loop load: `concurrency` workers each keep one check in flight, cycling through the same keys. Only checks
// that complete inside the measured window count; the warm-up lets connections, JIT and scripts settle first.

/** One contender's result in one round. */
export interface Sample {
  decisionsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of decisions that were "allowed" (every contender runs the same, mostly-allowed workload). */
  allowedShare: number;
  decisions: number;
}

export interface MeasureOptions {
  keys: readonly string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

/** Bound on latency samples kept per measurement (a ring: later samples overwrite the oldest). */
const MAX_SAMPLES = 400_000;
const latencies = new Float64Array(MAX_SAMPLES);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function measure(check: (key: string) => Promise<boolean>, options: MeasureOptions): Promise<Sample> {
  const { keys, concurrency } = options;
  let next = 0;
  let recording = false;
  let stop = false;
  let count = 0;
  let allowed = 0;
  const worker = async () => {
    while (!stop) {
      const key = keys[next % keys.length] as string;
      next += 1;
      const t0 = performance.now();
      const ok = await check(key);
      if (recording) {
        latencies[count % MAX_SAMPLES] = performance.now() - t0;
        count += 1;
        if (ok) allowed += 1;
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await sleep(options.warmupMs);
  recording = true;
  const start = performance.now();
  await sleep(options.durationMs);
  recording = false;
  const elapsed = performance.now() - start;
  stop = true;
  await Promise.all(workers);
  const sorted = latencies.slice(0, Math.min(count, MAX_SAMPLES)).sort();
  return {
    decisionsPerSecond: (count * 1000) / elapsed,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    allowedShare: count ? allowed / count : 0,
    decisions: count,
  };
}

/** Runs `check` exactly `total` times with `concurrency` in flight (for command and memory accounting). */
export async function runCount(check: (key: string) => Promise<boolean>, keys: readonly string[], total: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const key = keys[next % keys.length] as string;
      next += 1;
      await check(key);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
