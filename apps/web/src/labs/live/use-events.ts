import { useEffect, useRef, useState } from 'react';

export interface LiveEvent {
  id: number;
  event: 'hello' | 'decision' | 'breaker' | 'rules' | 'dropped';
  data: Record<string, unknown>;
}

/** Events kept on screen; older ones scroll away (the stream itself is unbounded). */
export const MAX_EVENTS = 200;

export type StreamStatus = 'connecting' | 'open' | 'unavailable';

/** Subscribes to GET /v1/events while the live lab is open; closes the stream when it is not. */
export function useEvents(enabled: boolean): { status: StreamStatus; events: LiveEvent[]; counts: Record<string, number> } {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const next = useRef(0);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('unavailable');
      return;
    }
    setStatus('connecting');
    const source = new EventSource('/v1/events');
    const add = (event: LiveEvent['event']) => (e: MessageEvent<string>) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(e.data) as Record<string, unknown>;
      } catch {
        data = { raw: e.data };
      }
      next.current += 1;
      const item = { id: next.current, event, data };
      setEvents((old) => [item, ...old].slice(0, MAX_EVENTS));
      setCounts((old) => ({ ...old, [event]: (old[event] ?? 0) + 1 }));
    };
    for (const name of ['hello', 'decision', 'breaker', 'rules', 'dropped'] as const) source.addEventListener(name, add(name) as EventListener);
    source.onopen = () => setStatus('open');
    // EventSource reconnects by itself; a closed stream (no server, or a static host) is reported once.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setStatus('unavailable');
      else setStatus('connecting');
    };
    return () => source.close();
  }, [enabled]);
  return { status, events, counts };
}
