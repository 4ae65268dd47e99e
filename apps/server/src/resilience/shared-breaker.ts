import type { Breaker, BreakerTransition } from './breaker.js';

const KEY = 'ratelab:{ratelab-breaker}:state';

interface SharedState {
  state: 'open' | 'closed';
  /** Epoch ms until which the writer's breaker is open (open only). */
  untilMs?: number;
  /** The process that wrote it. */
  by: string;
  atMs: number;
}

export interface SharedRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'PX', ms: number): Promise<unknown>;
}

/**
 * Shared breaker scope: each transition this process makes is written to Redis, and every `everyMs` the shared
 * state is read back and adopted, so processes converge on one breaker. The catch, stated in docs/server.md:
 * the shared state travels through Redis, so when Redis itself is unreachable a process can neither publish
 * that it opened nor learn that another did. Sharing helps when Redis is slow or failing for some processes
 * and reachable for others, and on recovery (everyone re-reads and closes together); it cannot make an
 * outage of the very store it lives in visible to everyone.
 */
export class SharedBreakerSync {
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Reads and writes that failed (Redis unreachable): the state could not travel. */
  failedSyncs = 0;
  private localOpenedAt = 0;

  constructor(
    private readonly breaker: Breaker,
    private readonly redis: SharedRedis,
    private readonly options: { id: string; everyMs?: number; now?: () => number },
  ) {}

  start(): void {
    this.unsubscribe = this.breaker.onTransition((t) => {
      if (t.to === 'open') this.localOpenedAt = t.atMs;
      if (!t.adopted) void this.publish(t);
    });
    this.timer = setInterval(() => void this.pull(), this.options.everyMs ?? 1000);
    this.timer.unref?.();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async publish(t: BreakerTransition): Promise<void> {
    // half-open is local: it says "I am about to probe", not something others should copy.
    if (t.to === 'half-open') return;
    const state: SharedState = t.to === 'open' ? { state: 'open', untilMs: t.openUntilMs ?? this.now(), by: this.options.id, atMs: this.now() } : { state: 'closed', by: this.options.id, atMs: this.now() };
    try {
      await this.redis.set(KEY, JSON.stringify(state), 'PX', 10 * 60_000);
    } catch {
      this.failedSyncs += 1;
    }
  }

  /** Reads the shared state and adopts it when it says something this process does not know yet. */
  async pull(): Promise<void> {
    let raw: string | null;
    try {
      raw = await this.redis.get(KEY);
    } catch {
      this.failedSyncs += 1;
      return;
    }
    const shared = parse(raw);
    if (!shared || shared.by === this.options.id) return;
    const local = this.breaker.state;
    if (shared.state === 'open' && (shared.untilMs ?? 0) > this.now() && local === 'closed') {
      this.breaker.adopt({ type: 'FORCE_OPEN', untilMs: shared.untilMs });
    } else if (shared.state === 'closed' && local !== 'closed' && shared.atMs > this.localOpenedAt) {
      // Another process found Redis healthy again, and this read just reached Redis too: close together.
      this.breaker.adopt({ type: 'FORCE_CLOSE' });
    }
  }
}

function parse(raw: string | null): SharedState | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as SharedState;
    return v && (v.state === 'open' || v.state === 'closed') && typeof v.by === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
