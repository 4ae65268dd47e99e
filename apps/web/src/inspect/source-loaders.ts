// The algorithm's real source, loaded from the algorithms package's own files on demand (never a copy):
// the TypeScript model through Vite's `?raw` import of `@ratelab/algorithms/source/models/<name>.ts`, and the
// Lua script from SCRIPTS[algorithm].source. Each is a separate lazy chunk, so none of it costs first load.

type Loader = () => Promise<{ default: string }>;

const MODEL_SOURCE: Record<string, Loader> = {
  'token-bucket': () => import('@ratelab/algorithms/source/models/token-bucket.ts?raw'),
  'leaky-bucket': () => import('@ratelab/algorithms/source/models/leaky-bucket.ts?raw'),
  'fixed-window': () => import('@ratelab/algorithms/source/models/fixed-window.ts?raw'),
  'sliding-log': () => import('@ratelab/algorithms/source/models/sliding-log.ts?raw'),
  'sliding-counter': () => import('@ratelab/algorithms/source/models/sliding-counter.ts?raw'),
  gcra: () => import('@ratelab/algorithms/source/models/gcra.ts?raw'),
};

export interface SourceFile {
  title: string;
  path: string;
  language: 'typescript' | 'lua';
  text: string;
}

/** The model that decides for `algorithm` (the naive bucket shares the token bucket's arithmetic). */
export async function loadModelSource(algorithm: string): Promise<SourceFile | null> {
  const name = algorithm === 'token-bucket-naive' ? 'token-bucket' : algorithm;
  const load = MODEL_SOURCE[name];
  if (!load) return null;
  const text = (await load()).default;
  return { title: 'TypeScript model', path: `packages/algorithms/src/models/${name}.ts`, language: 'typescript', text };
}

/**
 * The code that runs against Redis: the atomic Lua script, or for the naive bucket its separate read / decide /
 * write steps (which is exactly why it double-spends under concurrency).
 */
export async function loadRedisSource(algorithm: string): Promise<SourceFile | null> {
  if (algorithm === 'token-bucket-naive') {
    const text = (await import('@ratelab/algorithms/source/limiter/naive-limiter.ts?raw')).default;
    return { title: 'Redis access (naive: separate round trips)', path: 'packages/algorithms/src/limiter/naive-limiter.ts', language: 'typescript', text };
  }
  const { SCRIPTS } = await import('@ratelab/algorithms');
  const script = (SCRIPTS as Record<string, { source: string } | undefined>)[algorithm];
  if (!script) return null;
  return { title: 'Lua script (atomic, runs inside Redis)', path: `SCRIPTS['${algorithm}'].source`, language: 'lua', text: script.source };
}

/**
 * The lines that decided: where `allowed` is computed, and the branch this request took. Found in the loaded text
 * itself, so the highlight follows the real file if it changes.
 */
export function decidingLines(text: string, allowed: boolean): { decide: number[]; branch: number[] } {
  const lines = text.split('\n');
  const decide: number[] = [];
  const branch: number[] = [];
  lines.forEach((line, i) => {
    if (/\b(const|local|let)\s+allowed\s*=/.test(line) || /^\s*allowed\s*=/.test(line)) decide.push(i);
    else if (allowed ? /\bif\s*\(?\s*allowed\b(?!\s*===\s*false)/.test(line) : /\bif\s*(\(\s*!\s*allowed|not\s+allowed)\b/.test(line)) branch.push(i);
  });
  return { decide, branch };
}
