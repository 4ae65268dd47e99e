import { startRunController } from '../run/run-controller';
import { decodeLink, type LinkState } from '../share/url-state';
import { startUrlSync } from '../share/url-sync';
import { actions, appStore } from '../state/app-store';
import type { ScenarioJson } from '../state/types';
import { initialTheme } from '../ui/theme';

/** The scenario shown on a first visit: the seed article's boundary spike, when the simulator ships it. */
export const FIRST_SCENARIO_ID = 'boundary-spike';

export let link: LinkState = { scenario: null, step: null, embed: false, range: null, problem: null };

/**
 * Wires the store to the outside world once: theme, the simulator worker, the URL. A shared link's scenario is
 * validated by the simulator like any import; if it is rejected its problems are shown and the library's first
 * scenario runs instead, so the page is never blank.
 */
export function boot(): void {
  link = decodeLink(window.location.href);
  actions.setTheme(initialTheme());
  if (link.range) actions.setRange(link.range);
  const runner = startRunController();
  void runner.builtins().then(async (builtins) => {
    actions.setBuiltins(builtins);
    const fallback = builtins.find((b) => b.id === FIRST_SCENARIO_ID) ?? builtins[0];
    let problems = link.problem ? [{ path: '', message: link.problem }] : null;
    if (link.scenario !== null) {
      const checked = await runner.run(link.scenario);
      if (checked.ok) {
        actions.loadScenario(link.scenario as ScenarioJson, link.step ?? 0);
        startUrlSync();
        return;
      }
      problems = checked.issues;
    }
    // A rejected link falls back to the library's first lesson, with the link's problems shown above it.
    if (fallback) actions.loadScenario(fallback, problems ? 0 : (link.step ?? 0));
    else actions.runFailed('The simulator offers no built-in scenarios.');
    if (problems) actions.reject('the shared link', problems);
    startUrlSync();
  });
  appStore.subscribe((s, prev) => {
    if (s.theme !== prev.theme) document.documentElement.dataset.theme = s.theme;
  });
  document.documentElement.dataset.theme = appStore.getState().theme;
}
