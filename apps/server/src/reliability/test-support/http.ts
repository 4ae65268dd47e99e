// Test-only HTTP helpers for spawned servers: JSON calls with their latency, and a bounded load generator that
// records every status and latency so fault tests can assert "never a 5xx, always within the bound".
export interface Timed<T = unknown> {
  status: number;
  body: T;
  ms: number;
  headers: Headers;
}

/** One JSON request; `ms` is the wall time until the body was read. A network error is status 0. */
export async function call<T = Record<string, unknown>>(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<Timed<T>> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (metrics): keep the text.
    }
    return { status: res.status, body: body as T, ms: performance.now() - started, headers: res.headers };
  } catch (error) {
    return { status: 0, body: { error: String(error) } as T, ms: performance.now() - started, headers: new Headers() };
  }
}

export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  call(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });

export const putJson = (url: string, body: unknown, token: string) =>
  call(url, { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });

export interface LoadSample {
  phase: string;
  target: string;
  status: number;
  ms: number;
  source?: string;
  allowed?: boolean;
}

/**
 * Keeps `workers` loops sending POST /v1/check (rules round-robin, keys from a small pool) to each target until
 * stop() is called; every answer is a sample tagged with the current phase. Bounded by `maxRequests`.
 */
export function startLoad(targets: string[], rules: string[], options: { workers?: number; maxRequests?: number; pauseMs?: number } = {}) {
  const samples: LoadSample[] = [];
  let phase = 'start';
  let running = true;
  let sent = 0;
  const active = new Set(targets);
  const max = options.maxRequests ?? 50_000;
  const loop = async (target: string, w: number) => {
    let i = 0;
    while (running && sent < max) {
      if (!active.has(target)) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      sent += 1;
      i += 1;
      const rule = rules[(w + i) % rules.length] as string;
      const tagged = phase;
      const r = await post(`${target}/v1/check`, { rule, key: `load-${w}-${i % 7}` });
      const b = r.body as { source?: string; allowed?: boolean };
      samples.push({ phase: tagged, target, status: r.status, ms: r.ms, source: b?.source, allowed: b?.allowed });
      if (options.pauseMs) await new Promise((r2) => setTimeout(r2, options.pauseMs));
    }
  };
  const loops = targets.flatMap((t) => Array.from({ length: options.workers ?? 3 }, (_, w) => loop(t, w)));
  return {
    samples,
    setPhase(p: string) {
      phase = p;
    },
    /** Sends load only to these targets from now on. */
    only(list: string[]) {
      active.clear();
      for (const t of list) active.add(t);
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

/** Polls `probe` every `everyMs` until it returns true; resolves with the elapsed ms, or rejects after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function summarize(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: Math.round(sorted[sorted.length - 1] ?? 0) };
}
