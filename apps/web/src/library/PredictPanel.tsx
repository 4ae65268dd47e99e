import { useState } from 'react';
import { decisionAt } from '../run/steps';
import { actions, PREDICT_MAX } from '../state/app-store';
import { useApp } from '../state/use-app';

/**
 * Predict-then-reveal: the learner sees the next request (who, when, which limiter) but not the outcome, guesses
 * allow or block, and is told at once whether they were right, with the simulator's explanation when they were not.
 */
export function PredictPanel() {
  const predict = useApp((s) => s.predict);
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  const [count, setCount] = useState(PREDICT_MAX);
  if (!trace || !steps) return null;

  if (!predict) {
    return (
      <section className="panel predict" aria-labelledby="predict-title">
        <h2 id="predict-title">Predict, then reveal</h2>
        <p className="muted">Guess whether the next requests are allowed or blocked before you see them.</p>
        <div className="row">
          <label>
            Decisions to guess{' '}
            <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
              {[1, 3, 5].filter((n) => n <= PREDICT_MAX).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => actions.startPredict(count)}>Start predicting</button>
        </div>
      </section>
    );
  }

  const done = predict.guesses.length >= predict.count;
  const last = predict.guesses[predict.guesses.length - 1];
  const lastAt = last ? decisionAt(trace, steps, last.step) : null;
  const next = done ? null : decisionAt(trace, steps, predict.from + predict.guesses.length);
  const right = predict.guesses.filter((g) => g.guess === g.actual).length;
  return (
    <section className="panel predict active" aria-labelledby="predict-title">
      <h2 id="predict-title">Predict, then reveal ({predict.guesses.length}/{predict.count})</h2>
      <div aria-live="polite">
        {last && lastAt && (
          <p className={last.guess === last.actual ? 'ok' : 'no'}>
            {last.guess === last.actual ? 'Right: ' : 'Not quite: '}
            it was {last.actual ? 'allowed' : 'blocked'}.{' '}
            {last.guess !== last.actual && (lastAt.d.explanation ?? `Remaining after it: ${lastAt.d.remaining}, retry after ${lastAt.d.retryAfterMs} ms.`)}
          </p>
        )}
        {done && <p><b>{right} of {predict.count}</b> right.</p>}
      </div>
      {next && (
        <>
          <p>
            Next: <b>{trace.limiters[next.limiter]?.id}</b> at <b>{next.d.tMs} ms</b>, client <b>{next.d.client}</b>
            {next.d.attempt > 1 ? ` (retry, attempt ${next.d.attempt})` : ''}. Allowed or blocked?
          </p>
          <div className="row">
            <button type="button" className="ok-btn" onClick={() => actions.guess(true, next.d.allowed)}>Allowed</button>
            <button type="button" className="no-btn" onClick={() => actions.guess(false, next.d.allowed)}>Blocked</button>
          </div>
        </>
      )}
      <div className="row">
        {done && <button type="button" onClick={() => actions.startPredict(predict.count)}>Guess the next {predict.count}</button>}
        <button type="button" className="text-btn" onClick={actions.stopPredict}>{done ? 'Done' : 'Stop predicting'}</button>
      </div>
    </section>
  );
}
