import { evalScript, RuleError, type RedisLike } from '@ratelab/algorithms';
import type { ServerRedis } from '../redis/connect.js';
import { DEFAULT_RULES } from './default-rules.js';
import { parseLiveRule, type LiveRule, type VersionedRule } from './live-rule.js';
import { DELETE_RULE, LOAD_RULES, PUT_RULE, RULE_KEYS, RULES_CHANNEL, SEED_IF_EMPTY } from './rule-scripts.js';

export interface RuleStoreOptions {
  /** Version check period in ms; a missed pub/sub message is healed within this (default 500). */
  checkMs?: number;
  /** Most rules the store accepts (default 200). */
  maxRules?: number;
  /** Rules seeded into an empty store (default DEFAULT_RULES). */
  defaults?: LiveRule[];
  log?: (line: string) => void;
}

export interface RuleSetSnapshot {
  version: number;
  rules: VersionedRule[];
  /** Entries found in Redis that are not valid rules (written by hand, or by an older version): skipped, not lost. */
  skipped: { id: string; reason: string }[];
}

type Listener = (snapshot: RuleSetSnapshot) => void;

/** Raised when the store cannot reach Redis for a write; the route answers 503 with this message. */
export class RuleStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`rules cannot be changed while Redis is unreachable (${cause instanceof Error ? cause.message : String(cause)}); retry when /healthz shows redis "up"`);
    this.name = 'RuleStoreUnavailableError';
  }
}

/**
 * The rules in force, persisted in Redis and cached here. Requests read the cache, so deciding never waits on
 * a rules read. Every process learns of a change by pub/sub at once and, should a message be missed (a
 * reconnect, a Cluster failover), by comparing the version every `checkMs`.
 */
export class RuleStore {
  private snapshot: RuleSetSnapshot = { version: 0, rules: [], skipped: [] };
  private byId = new Map<string, VersionedRule>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private subscriber: ServerRedis | undefined;
  private checking: Promise<void> | undefined;
  private listeners = new Set<Listener>();
  private readonly checkMs: number;
  readonly maxRules: number;
  private readonly defaults: LiveRule[];
  private readonly log: (line: string) => void;

  constructor(
    private readonly redis: ServerRedis,
    options: RuleStoreOptions = {},
  ) {
    this.checkMs = options.checkMs ?? 500;
    this.maxRules = options.maxRules ?? 200;
    this.defaults = options.defaults ?? DEFAULT_RULES;
    this.log = options.log ?? (() => {});
  }

  /** Seeds an empty store, loads the rules and starts listening. Resolves even if Redis is down (the check retries). */
  async start(subscriber?: ServerRedis): Promise<void> {
    await this.check();
    if (subscriber) {
      this.subscriber = subscriber;
      subscriber.on('message', (channel: string) => {
        if (channel === RULES_CHANNEL) void this.check();
      });
      const subscribe = () => {
        subscriber.subscribe(RULES_CHANNEL).catch(() => {
          // Not connected yet: the 'ready' handler subscribes later, and the version check covers the gap.
        });
      };
      // Subscribe on every (re)connection, including one that happens only after a start with Redis down.
      subscriber.on('ready', subscribe);
      // Subscribing before the connection's ready check would put it in subscriber mode too early.
      const status = (subscriber as { status?: string }).status;
      if (status === undefined || status === 'ready') subscribe();
    }
    this.timer = setInterval(() => void this.check(), this.checkMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get version(): number {
    return this.snapshot.version;
  }
  list(): VersionedRule[] {
    return this.snapshot.rules;
  }
  current(): RuleSetSnapshot {
    return this.snapshot;
  }
  get(id: string): VersionedRule | undefined {
    return this.byId.get(id);
  }
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Compares the stored version with ours and reloads on a difference; seeds or restores an empty store. */
  check(): Promise<void> {
    // One check at a time: a burst of messages must not pile up reloads.
    this.checking ??= this.runCheck().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    let stored: string | null;
    try {
      stored = await this.redis.get(RULE_KEYS[2] as string);
      if (stored === null) {
        // An empty store: the first start, or a Redis that lost its data. Write the defaults on first start, or
        // the rules this process still holds after a data loss, but only if nobody else has written meanwhile.
        const rules = this.snapshot.version > 0 ? this.snapshot.rules : this.defaults.map((r) => ({ ...r, version: 1 }));
        const version = Math.max(1, this.snapshot.version);
        const args: (string | number)[] = [version];
        for (const { version: v, ...rule } of rules) args.push(rule.id, JSON.stringify(rule), v);
        const wrote = await this.eval(SEED_IF_EMPTY, args);
        if (wrote === 1) this.log(this.snapshot.version > 0 ? `rules: Redis had no rules; restored the ${rules.length} this process held (version ${version})` : `rules: empty store, seeded ${rules.length} default rules`);
        stored = await this.redis.get(RULE_KEYS[2] as string);
      }
      if (stored !== null && Number(stored) !== this.snapshot.version) await this.reload();
    } catch (error) {
      // Redis is unreachable: keep serving the cached rules; the next check retries.
      void error;
    }
  }

  private async reload(): Promise<void> {
    const reply = (await this.eval(LOAD_RULES, [])) as [string | null, string[], string[]];
    const version = Number(reply[0] ?? 0);
    const versions = pairs(reply[2]);
    const rules: VersionedRule[] = [];
    const skipped: RuleSetSnapshot['skipped'] = [];
    for (const [id, json] of pairs(reply[1])) {
      try {
        const rule = parseLiveRule(JSON.parse(json) as unknown, id);
        rules.push({ ...rule, version: Number(versions.get(id) ?? 0) });
      } catch (error) {
        const reason = error instanceof RuleError ? error.message : `not JSON: ${(error as Error).message}`;
        skipped.push({ id, reason });
      }
    }
    rules.sort((a, b) => a.id.localeCompare(b.id));
    if (skipped.length) this.log(`rules: skipped ${skipped.length} invalid stored rule(s): ${skipped.map((s) => s.id).join(', ')}`);
    this.snapshot = { version, rules, skipped };
    this.byId = new Map(rules.map((r) => [r.id, r]));
    for (const listener of this.listeners) listener(this.snapshot);
  }

  /** Creates or replaces a rule; resolves with the stored rule once this process has reloaded it. */
  async put(rule: LiveRule): Promise<VersionedRule | 'full'> {
    const { id, ...rest } = rule;
    let version: number;
    try {
      version = Number(await this.eval(PUT_RULE, [id, JSON.stringify({ id, ...rest }), this.maxRules]));
    } catch (error) {
      throw new RuleStoreUnavailableError(error);
    }
    if (version === -1) return 'full';
    await this.announce(version);
    return this.byId.get(id) ?? { ...rule, version };
  }

  /** Deletes a rule; false when there was none. */
  async delete(id: string): Promise<number | false> {
    let version: number;
    try {
      version = Number(await this.eval(DELETE_RULE, [id]));
    } catch (error) {
      throw new RuleStoreUnavailableError(error);
    }
    if (version === 0) return false;
    await this.announce(version);
    return version;
  }

  private async announce(version: number): Promise<void> {
    try {
      await this.redis.publish(RULES_CHANNEL, String(version));
    } catch {
      // The other processes' version check picks the change up within checkMs.
    }
    await this.check();
  }

  private eval(script: { sha: string; source: string }, args: (string | number)[]): Promise<unknown> {
    return evalScript(this.redis as unknown as RedisLike, script, RULE_KEYS, args);
  }
}

function pairs(flat: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(String(flat[i]), String(flat[i + 1]));
  return out;
}
