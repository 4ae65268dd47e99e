import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api } from '../shared/api';
import { Choice, NumberInput, RangeInput } from '../shared/Field';
import { AdminPanel } from './AdminPanel';
import { useEvents, type LiveEvent } from './use-events';

export interface LiveRule {
  id: string;
  algorithm: string;
  [param: string]: unknown;
}

interface CheckReply {
  allowed: boolean;
  remaining: number;
  limit: number;
  retryAfterMs: number;
  rule: string;
  source?: string;
  reason?: string;
}

/** Requests in flight from this page at most; beyond it the sender skips a tick rather than queueing without bound. */
const MAX_IN_FLIGHT = 20;

function eventLine(e: LiveEvent): string {
  const d = e.data;
  if (e.event === 'decision') return `${String(d.rule)} / ${String(d.key)}: ${d.allowed ? 'allowed' : 'blocked'}, ${String(d.remaining)} left (${String(d.source ?? '')})${d.reason ? ` — ${String(d.reason)}` : ''}`;
  if (e.event === 'breaker') return `breaker ${String(d.from)} → ${String(d.to)}${d.adopted ? ' (adopted from Redis)' : ''}`;
  if (e.event === 'rules') return `rules version ${String(d.version)} live: ${Array.isArray(d.ids) ? d.ids.join(', ') : ''}`;
  if (e.event === 'hello') return `connected: breaker ${String(d.breaker)}, rules version ${String(d.rulesVersion)}, store ${String(d.redis)}`;
  return `${e.event}: ${JSON.stringify(d)}`;
}

/** The live lab: real requests to POST /v1/check, the server's event stream, and rule edits through the admin API. */
export default function LiveLab() {
  const keyId = useId();
  const [rules, setRules] = useState<LiveRule[] | null>(null);
  const [error, setError] = useState('');
  const [ruleId, setRuleId] = useState('demo');
  const [key, setKey] = useState('labs-live');
  const [rate, setRate] = useState(0);
  const [burst, setBurst] = useState(10);
  const [mine, setMine] = useState({ allowed: 0, blocked: 0, failed: 0, last: null as CheckReply | null });
  const inFlight = useRef(0);
  const { status, events, counts } = useEvents(rules !== null);

  const loadRules = useCallback(async () => {
    const res = await api<{ version: number; rules: LiveRule[] }>('/v1/rules');
    if (res.ok) {
      setRules(res.body.rules);
      setError('');
      setRuleId((id) => (res.body.rules.some((r) => r.id === id) ? id : (res.body.rules[0]?.id ?? id)));
    } else setError(res.message);
  }, []);
  useEffect(() => void loadRules(), [loadRules]);
  // A rules event means some process (this page's PUT, another admin, another replica) changed the rule set.
  const lastRulesEvent = events.find((e) => e.event === 'rules')?.id;
  useEffect(() => {
    if (lastRulesEvent !== undefined) void loadRules();
  }, [lastRulesEvent, loadRules]);

  const check = useCallback(async () => {
    if (inFlight.current >= MAX_IN_FLIGHT) return;
    inFlight.current += 1;
    const res = await api<CheckReply>('/v1/check', { body: { rule: ruleId, key } });
    inFlight.current -= 1;
    setMine((m) =>
      res.ok
        ? { ...m, allowed: m.allowed + (res.body.allowed ? 1 : 0), blocked: m.blocked + (res.body.allowed ? 0 : 1), last: res.body }
        : { ...m, failed: m.failed + 1 },
    );
    if (!res.ok) setError(res.message);
  }, [ruleId, key]);

  useEffect(() => {
    if (rate <= 0) return;
    const timer = setInterval(() => void check(), 1000 / rate);
    return () => clearInterval(timer);
  }, [rate, check]);

  if (rules === null) {
    return (
      <section className="lab" aria-labelledby="live-h">
        <h3 id="live-h">Live</h3>
        <p role="status" className={error ? 'lab-error' : undefined} data-testid="live-unavailable">
          {error ? `The live lab needs a ratelab server and none answered: ${error}` : 'Asking the server for its rules…'}
        </p>
      </section>
    );
  }
  const rule = rules.find((r) => r.id === ruleId);
  return (
    <section className="lab" aria-labelledby="live-h">
      <h3 id="live-h">Live: real traffic against this server</h3>
      <p>
        These are real requests to <code>POST /v1/check</code> on the server that serves this page; the stream below is its
        <code> GET /v1/events</code>, so it shows every client's decisions, not only yours.
      </p>
      <div className="lab-row" role="group" aria-label="Traffic">
        <Choice label="Rule" value={ruleId} options={rules.map((r) => [r.id, `${r.id} (${r.algorithm})`] as const)} onChange={setRuleId} />
        <div className="lab-field">
          <label htmlFor={keyId}>Key</label>
          <input id={keyId} value={key} maxLength={256} onChange={(e) => setKey(e.target.value)} />
        </div>
        <RangeInput label="Steady rate" unit=" req/s" value={rate} min={0} max={20} onChange={setRate} />
        <NumberInput label="Burst size" value={burst} min={1} max={50} onChange={setBurst} />
        <button type="button" onClick={() => { for (let i = 0; i < burst; i += 1) void check(); }}>Send a burst of {burst}</button>
        <button type="button" onClick={() => void check()}>Send one request</button>
      </div>
      {rule && <p className="lab-note" data-testid="rule-in-force">Rule in force: <code>{JSON.stringify(rule)}</code></p>}
      <p role="status" data-testid="live-mine">
        From this page: {mine.allowed} allowed, {mine.blocked} blocked{mine.failed ? `, ${mine.failed} failed` : ''}.
        {mine.last ? ` Last: ${mine.last.allowed ? 'allowed' : 'blocked'}, ${mine.last.remaining} of ${mine.last.limit} left${mine.last.allowed ? '' : `, retry after ${mine.last.retryAfterMs} ms`}.` : ''}
      </p>
      {error && <p className="lab-error" role="alert">{error}</p>}
      <AdminPanel rules={rules} ruleId={ruleId} onSaved={loadRules} />
      <section className="lab-card" aria-labelledby="events-h">
        <h4 id="events-h">Event stream ({status === 'open' ? 'connected' : status === 'connecting' ? 'connecting…' : 'not available'})</h4>
        <p data-testid="event-counts">
          {counts.decision ?? 0} decisions, {counts.breaker ?? 0} breaker changes, {counts.rules ?? 0} rule-set changes received.
        </p>
        <ol tabIndex={0} className="lab-log events" aria-label="Latest events, newest first" data-testid="event-log">
          {events.slice(0, 60).map((e) => (
            <li key={e.id} className={`ev-${e.event}${e.event === 'decision' && !e.data.allowed ? ' blocked' : ''}`}>{eventLine(e)}</li>
          ))}
        </ol>
      </section>
    </section>
  );
}
