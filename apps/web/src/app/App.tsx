import { lazy, Suspense, useEffect, useState } from 'react';
import { ChartsPanel } from '../charts/ChartsPanel';
import { ScenarioEditor } from '../editor/ScenarioEditor';
import { Inspector } from '../inspect/Inspector';
import { LessonPanel } from '../library/LessonPanel';
import { PredictPanel } from '../library/PredictPanel';
import { ScenarioPicker } from '../library/ScenarioPicker';
import { isEmbed } from '../share/url-sync';
import { useApp } from '../state/use-app';
import { Transport } from '../time/Transport';
import { Scrubber } from '../time/Scrubber';
import { useKeyboard } from '../time/use-keyboard';
import { usePlayback } from '../time/use-playback';
import { Header } from '../ui/Header';
import { HelpDialog } from '../ui/HelpDialog';
import { IssuesPanel } from '../ui/IssuesPanel';
import { Narration } from '../ui/Narration';
import { StatusLine } from '../ui/StatusLine';
import { Welcome } from '../ui/Welcome';
import { EmbedView } from './EmbedView';

const LabsPage = lazy(() => import('../labs/LabsPage'));

export type View = 'playground' | 'labs';

function viewFromHash(): View {
  return window.location.hash === '#labs' ? 'labs' : 'playground';
}

export function App() {
  const [view, setView] = useState<View>(viewFromHash);
  const [help, setHelp] = useState(false);
  const playback = usePlayback();
  useKeyboard(playback, () => setHelp(true));
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const hasTrace = useApp((s) => s.trace !== null);

  if (isEmbed()) return <EmbedView playback={playback} />;

  return (
    <div className="app">
      <a className="skip" href="#main">Skip to the run</a>
      <Header view={view} onHelp={() => setHelp(true)} />
      {view === 'labs' ? (
        <Suspense fallback={<p className="loading">Loading labs…</p>}>
          <LabsPage />
        </Suspense>
      ) : (
        <div className="layout">
          <aside className="sidebar" aria-label="Scenario">
            <ScenarioPicker />
            <LessonPanel />
            <ScenarioEditor />
          </aside>
          <main id="main" className="main" tabIndex={-1}>
            <Welcome />
            <IssuesPanel />
            <section className="timebar" aria-label="Time">
              <Transport playback={playback} />
              <Scrubber />
              <StatusLine />
            </section>
            {hasTrace ? <ChartsPanel /> : <StartingState />}
          </main>
          <aside className="inspector-col" aria-label="Inspector">
            <PredictPanel />
            <Inspector />
            <Narration />
          </aside>
        </div>
      )}
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

function StartingState() {
  const status = useApp((s) => s.status);
  if (status === 'invalid' || status === 'failed') return <p className="empty">Nothing to show until the scenario is fixed: see the problems listed above.</p>;
  return <p className="loading" role="status">Starting the simulator and running the first scenario…</p>;
}
