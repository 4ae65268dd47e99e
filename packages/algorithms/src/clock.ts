/**
 * The one place in the algorithms package that reads the wall clock. Everything else takes time as an argument;
 * `createLimiter` calls this only for `clock: 'app'` without a per-call `nowMs`.
 */
export function systemNowMs(): number {
  return Date.now();
}
