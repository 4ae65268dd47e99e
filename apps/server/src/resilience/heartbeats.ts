import { evalScript, sha1Hex, type RedisLike } from '@ratelab/algorithms';

const KEY = 'ratelab:{ratelab-procs}:alive';
const source = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3] * 2)
return redis.call('ZCARD', KEYS[1])
`;
const BEAT = { source, sha: sha1Hex(source) };

export interface HeartbeatOptions {
  /** This process's id in the set (unique per process). */
  id: string;
  /** Beat period in ms (default 1000). */
  everyMs?: number;
  /** A process missing beats for this long no longer counts (default 5000). */
  staleMs?: number;
  now?: () => number;
  onCount?: (n: number) => void;
}

/**
 * Counts live server processes through a sorted set in Redis (member = process id, score = last beat), so that
 * local-fallback can divide a rule's limit by the number of processes. While Redis is unreachable the count is
 * the last one seen: processes cannot learn about each other then, which docs/server.md states plainly.
 */
export class Heartbeats {
  private last = 1;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: RedisLike & { zrem(key: string, member: string): Promise<unknown> },
    private readonly options: HeartbeatOptions,
  ) {}

  get count(): number {
    return this.last;
  }

  async beat(): Promise<void> {
    const staleMs = this.options.staleMs ?? 5000;
    const now = (this.options.now ?? Date.now)();
    try {
      const n = Number(await evalScript(this.redis, BEAT, [KEY], [now, this.options.id, staleMs]));
      if (Number.isInteger(n) && n >= 1) {
        this.last = n;
        this.options.onCount?.(n);
      }
    } catch {
      // Redis unreachable: keep the last count.
    }
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.everyMs ?? 1000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    try {
      await this.redis.zrem(KEY, this.options.id);
    } catch {
      // Gone with Redis; the entry expires after staleMs anyway.
    }
  }
}
