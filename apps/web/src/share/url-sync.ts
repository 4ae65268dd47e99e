import { appStore } from '../state/app-store';
import { encodeLink } from './url-state';

/** The link for the run on screen: the scenario that produced the trace and the selected step. */
export function currentLink(opts: { embed?: boolean; range?: [number, number] | null } = {}): string {
  const s = appStore.getState();
  const range = 'range' in opts ? (opts.range ?? null) : s.range;
  return encodeLink(window.location.href, s.traceScenario ?? s.scenario, s.step, { embed: opts.embed ?? isEmbed(), range });
}

export function isEmbed(): boolean {
  return new URL(window.location.href).searchParams.get('embed') === '1';
}

/**
 * Keeps the address bar equal to the run on screen (replaceState, so scrubbing does not flood the history),
 * a little after the last change so dragging the scrubber stays smooth.
 */
export function startUrlSync(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const s = appStore.getState();
    if (!s.traceScenario || s.status !== 'ready') return;
    window.history.replaceState(null, '', currentLink());
  };
  appStore.subscribe((s, prev) => {
    if (s.step === prev.step && s.traceScenario === prev.traceScenario) return;
    clearTimeout(timer);
    timer = setTimeout(write, 120);
  });
}
