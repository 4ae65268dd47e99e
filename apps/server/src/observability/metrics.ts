import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveDecision } from '../live/decision-source.js';
import type { BreakerStateName } from '../resilience/breaker-like.js';

const BREAKER_STATES: BreakerStateName[] = ['closed', 'half-open', 'open'];

/**
 * The server's Prometheus metrics, on a registry of its own (not prom-client's global one) so that several
 * apps in one process — tests — do not collide. Label values are bounded: rule ids come from the rule store
 * (at most maxRules), commands from the server's own code, outcomes and sources from fixed lists.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly decisions = new Counter({
    name: 'ratelab_decisions_total',
    help: 'Live rate-limit decisions by rule, outcome (allowed/blocked) and source (redis or the onRedisDown policy used)',
    labelNames: ['rule', 'outcome', 'source'] as const,
    registers: [this.registry],
  });
  private readonly redisLatency = new Histogram({
    name: 'ratelab_redis_command_duration_seconds',
    help: 'Duration of Redis commands issued by the server, including failures and timeouts',
    labelNames: ['command', 'ok'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  private readonly breaker = new Gauge({
    name: 'ratelab_breaker_state',
    help: 'Circuit breaker state guarding Redis: 1 for the current state, 0 for the others',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly rulesVersion = new Gauge({
    name: 'ratelab_rules_version',
    help: 'Version of the rule set this process has loaded from Redis',
    registers: [this.registry],
  });
  private readonly processes = new Gauge({
    name: 'ratelab_live_processes',
    help: 'Server processes seen by heartbeat in Redis (divides local-fallback limits)',
    registers: [this.registry],
  });

  constructor() {
    this.setBreaker('closed');
  }

  decision(d: LiveDecision): void {
    this.decisions.inc({ rule: d.rule, outcome: d.allowed ? 'allowed' : 'blocked', source: d.source });
  }
  redisCommand(command: string, seconds: number, ok: boolean): void {
    this.redisLatency.observe({ command: command.toLowerCase(), ok: ok ? 'true' : 'false' }, seconds);
  }
  setBreaker(state: BreakerStateName): void {
    for (const s of BREAKER_STATES) this.breaker.set({ state: s }, s === state ? 1 : 0);
  }
  setRulesVersion(version: number): void {
    this.rulesVersion.set(version);
  }
  setProcesses(n: number): void {
    this.processes.set(n);
  }
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
