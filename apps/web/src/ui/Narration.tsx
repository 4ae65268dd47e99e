import { decisionAt } from '../run/steps';
import { download } from '../share/downloads';
import { useApp } from '../state/use-app';
import type { TraceData } from '../run/columns';
import type { Steps } from '../run/steps';

/** How many recent decisions the narration shows; the full text is one download away. */
const SHOWN = 6;

function line(trace: TraceData, steps: Steps, i: number): string {
  const at = decisionAt(trace, steps, i);
  if (!at) return '';
  const { d } = at;
  const what = d.explanation ?? `${d.allowed ? 'allowed' : 'blocked'}, remaining ${d.remaining}`;
  return `${d.tMs} ms · ${trace.limiters[at.limiter]?.id} · ${d.client}${d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}: ${what}`;
}

/** The run as plain language: the latest decisions up to the cursor, announced politely to screen readers. */
export function Narration() {
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  const step = useApp((s) => s.step);
  if (!trace || !steps || steps.length === 0) return null;
  const from = Math.max(0, step - SHOWN + 1);
  const items = [];
  for (let i = step; i >= from; i--) items.push({ i, text: line(trace, steps, i) });
  const saveAll = () => {
    const all: string[] = [];
    for (let i = 0; i < steps.length; i++) all.push(`${i + 1}. ${line(trace, steps, i)}`);
    download(`${trace.scenario ?? 'ratelab'}-narration.txt`, all.join('\n') + '\n', 'text/plain');
  };
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <h2 id="narration-title">Narration</h2>
      <p className="sr-only" aria-live="polite">{items[0]?.text}</p>
      <ol className="narration-list" reversed start={step + 1}>
        {items.map(({ i, text }) => (
          <li key={i} className={i === step ? 'current' : undefined}>{text}</li>
        ))}
      </ol>
      <button type="button" className="text-btn" onClick={saveAll}>Download the whole narration as text</button>
    </section>
  );
}
