/**
 * Size limits of a scenario. They exist so that a hostile or mistaken file (a shared link, an upload) cannot hang a
 * browser tab or the server: every loop in a run is bounded by them. docs/scenarios.md lists each one.
 */
export interface ScenarioLimits {
  /** Longest JSON text accepted, in bytes (UTF-16 code units). */
  maxFileBytes: number;
  /** Longest run, in virtual ms (one day). */
  maxDurationMs: number;
  maxLimiters: number;
  maxClients: number;
  maxReplicas: number;
  /** Entries in one client's `times` list. */
  maxTimesPerClient: number;
  /** Requests one burst may fire. */
  maxBurstCount: number;
  /** Highest steady or Poisson rate of one client. */
  maxRatePerSecond: number;
  /** Arrivals the whole scenario may generate (estimated before running, enforced while running). */
  maxArrivals: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Decisions one limiter may record (arrivals plus retries); the run stops there and says so. */
  maxDecisions: number;
  maxFaults: number;
  /** Longest one-way latency, skew, retry delay or breaker open time, in ms. */
  maxDelayMs: number;
  maxTextLength: number;
}

export const DEFAULT_LIMITS: ScenarioLimits = {
  maxFileBytes: 1_000_000,
  maxDurationMs: 86_400_000,
  maxLimiters: 4,
  maxClients: 1_000,
  maxReplicas: 16,
  maxTimesPerClient: 10_000,
  maxBurstCount: 100_000,
  maxRatePerSecond: 100_000,
  maxArrivals: 200_000,
  maxAttempts: 10,
  maxDecisions: 1_000_000,
  maxFaults: 100,
  maxDelayMs: 3_600_000,
  maxTextLength: 20_000,
};
