import { lazy, Suspense, useRef, useState, type KeyboardEvent } from 'react';
import './labs.css';

// Each lab is its own chunk, loaded when its tab is first opened; the whole labs view is itself lazy in App.tsx.
const LABS = [
  { id: 'race', title: 'Race', Component: lazy(() => import('./race/RaceLab')) },
  { id: 'outage', title: 'Outage & breaker', Component: lazy(() => import('./outage/OutageLab')) },
  { id: 'clock', title: 'Clocks', Component: lazy(() => import('./clock/ClockLab')) },
  { id: 'compare', title: 'Compare lanes', Component: lazy(() => import('./compare/CompareLab')) },
  { id: 'live', title: 'Live', Component: lazy(() => import('./live/LiveLab')) },
] as const;

type LabId = (typeof LABS)[number]['id'];

/** The labs view: five labs behind an ARIA tab list (arrow keys, Home and End move between tabs). */
export default function LabsPage() {
  const [active, setActive] = useState<LabId>('race');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = LABS.findIndex((l) => l.id === active);
    const to = e.key === 'ArrowRight' ? (i + 1) % LABS.length : e.key === 'ArrowLeft' ? (i - 1 + LABS.length) % LABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? LABS.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    setActive(LABS[to]!.id);
    tabs.current[to]?.focus();
  };
  const lab = LABS.find((l) => l.id === active) ?? LABS[0];
  return (
    <main id="main" className="labs-page" tabIndex={-1}>
      <h2>Labs</h2>
      <p className="lab-muted">
        Each lab computes what it shows: the simulated ones with the simulator and the algorithms package in this page, the
        real ones by calling this server. <a href="#">Back to the playground</a>
      </p>
      <div role="tablist" aria-label="Labs" className="lab-tabs" onKeyDown={onKey}>
        {LABS.map((l, i) => (
          <button
            key={l.id}
            ref={(el) => { tabs.current[i] = el; }}
            type="button"
            role="tab"
            id={`lab-tab-${l.id}`}
            aria-selected={l.id === active}
            aria-controls={`lab-panel-${l.id}`}
            tabIndex={l.id === active ? 0 : -1}
            onClick={() => setActive(l.id)}
          >
            {l.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`lab-panel-${lab.id}`} aria-labelledby={`lab-tab-${lab.id}`} className="lab-panel">
        <Suspense fallback={<p className="loading" role="status">Loading the {lab.title} lab…</p>}>
          <lab.Component />
        </Suspense>
      </div>
    </main>
  );
}
