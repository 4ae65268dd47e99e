// The shapes the web app reads from a scenario and a trace (scenario.md, format 1). They are structural views of
// what @ratelab/sim returns, kept here so the UI names exactly the fields it depends on.

/** One problem with a scenario, named by its JSON path. */
export interface Issue {
  path: string;
  message: string;
}

export type Arrivals =
  | { kind: 'times'; atMs: number[] }
  | { kind: 'steady'; ratePerSecond: number; fromMs?: number; toMs?: number }
  | { kind: 'poisson'; ratePerSecond: number; fromMs?: number; toMs?: number }
  | { kind: 'burst'; atMs: number; count: number; spreadMs?: number };

export interface RetryPolicy {
  policy: 'none' | 'fixed' | 'exponential' | 'retry-after';
  delayMs?: number;
  baseMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  jitter?: 'none' | 'full';
}

export interface ClientJson {
  id: string;
  arrivals: Arrivals;
  key?: string;
  cost?: number;
  retry?: RetryPolicy;
}

export interface LimiterJson {
  id: string;
  algorithm: string;
  [param: string]: unknown;
}

/** A scenario document as the user edits it; the simulator validates it before anything runs. */
export interface ScenarioJson {
  format: 1;
  id?: string;
  title?: string;
  lesson?: string;
  notice?: string;
  seed?: number;
  durationMs: number;
  limiters: LimiterJson[];
  clients: ClientJson[];
  topology?: Record<string, unknown>;
  faults?: { kind: string; fromMs: number; toMs: number; extraLatencyMs?: number }[];
  resilience?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface TraceDecision {
  tMs: number;
  client: string;
  key: string;
  replica: number;
  attempt: number;
  allowed: boolean;
  remaining: number;
  limit?: number;
  retryAfterMs: number;
  resetMs?: number;
  delayMs?: number;
  cost?: number;
  nowMs?: number;
  arrivalMs?: number;
  fallback?: 'allow' | 'deny' | 'local';
  fallbackReason?: string;
  explanation?: string;
  stateBefore?: Record<string, number>;
  stateAfter?: Record<string, number>;
}

export interface TraceLimiter {
  id: string;
  algorithm?: string;
  /** The validated rule with its defaults, as the simulator ran it. */
  rule?: LimiterJson;
  decisions: TraceDecision[];
  summary: { requests: number; allowed: number; blocked: number; maxAllowedInAnyWindow: number; windowMs?: number; [k: string]: unknown };
}

export interface BreakerTransition {
  limiter?: string;
  tMs: number;
  replica: number | 'shared';
  from: string;
  to: string;
}

export interface TraceView {
  format: number;
  scenario?: string;
  engine: string;
  seed: number;
  durationMs?: number;
  /** 'full' carries explanations and state snapshots; 'lean' (very large runs) only the decision fields. */
  detail?: 'full' | 'lean';
  truncated?: boolean;
  limiters: TraceLimiter[];
  breaker?: BreakerTransition[];
  faults?: { kind: string; fromMs: number; toMs: number }[];
}
