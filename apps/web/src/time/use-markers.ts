import type { TraceData } from '../run/columns';
import type { Steps } from '../run/steps';
import { useApp } from '../state/use-app';
import { buildMarkers, type Markers } from './markers';

// One computation per run, shared by every component that draws or jumps to markers.
let cache: { trace: TraceData; steps: Steps; markers: Markers } | null = null;

export function useMarkers(): Markers | null {
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  if (!trace || !steps) return null;
  if (!cache || cache.trace.limiters[0]?.tMs !== trace.limiters[0]?.tMs || cache.steps !== steps) cache = { trace, steps, markers: buildMarkers(trace, steps) };
  return cache.markers;
}
