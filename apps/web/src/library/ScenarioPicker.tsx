import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';

/** The built-in scenario library; picking one replaces the current run. */
export function ScenarioPicker() {
  const builtins = useApp((s) => s.builtins);
  const current = useApp((s) => s.scenario?.id);
  const title = useApp((s) => s.scenario?.title);
  const known = builtins.some((b) => b.id === current);
  return (
    <section className="panel picker">
      <h2><label htmlFor="scenario-pick">Scenario library</label></h2>
      <select
        id="scenario-pick"
        value={known ? current : ''}
        onChange={(e) => {
          const pick = builtins.find((b) => b.id === e.target.value);
          if (pick) actions.loadScenario(pick, 0);
        }}
        disabled={builtins.length === 0}
      >
        {!known && <option value="">{builtins.length === 0 ? 'Loading scenarios…' : `Your scenario${title ? `: ${title}` : ''}`}</option>}
        {builtins.map((b) => (
          <option key={b.id} value={b.id}>{b.title ?? b.id}</option>
        ))}
      </select>
    </section>
  );
}
