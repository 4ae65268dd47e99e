import { useMemo } from 'react';
import { useApp } from '../state/use-app';
import { buildMarkers, type Markers } from './markers';

export function useMarkers(): Markers | null {
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  return useMemo(() => (trace && steps ? buildMarkers(trace, steps) : null), [trace, steps]);
}
