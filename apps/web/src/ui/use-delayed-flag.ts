import { useEffect, useState } from 'react';

/**
 * `on`, but turning true only after it has stayed true for `delayMs` (and false at once). Used to dim the charts only
 * for a re-run that takes noticeably long: a quick one then swaps the charts without a flash, and without repainting
 * the whole chart area twice.
 */
export function useDelayedFlag(on: boolean, delayMs: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) return setLate(false);
    const timer = setTimeout(() => setLate(true), delayMs);
    return () => clearTimeout(timer);
  }, [on, delayMs]);
  return on && late;
}
