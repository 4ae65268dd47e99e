import { useRef } from 'react';
import { toTraceJson } from '../run/columns';
import { SimRunner } from '../run/runner';
import { startRunController } from '../run/run-controller';
import { actions, appStore } from '../state/app-store';
import { useApp } from '../state/use-app';
import type { ScenarioJson } from '../state/types';
import { traceToCsv } from './csv';
import { download } from './downloads';

/** Largest scenario file read from disk; the simulator has its own, stricter limits after parsing. */
const MAX_FILE_BYTES = 2_000_000;

/**
 * Import a scenario file (validated by the simulator before it replaces anything: a bad file lists every problem
 * with its JSON path) and export the scenario, the trace as JSON or CSV.
 */
export function ImportExport() {
  const input = useRef<HTMLInputElement>(null);
  const hasTrace = useApp((s) => s.trace !== null);
  const slug = () => appStore.getState().traceScenario?.id ?? 'scenario';

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const source = `The file ${file.name}`;
    if (file.size > MAX_FILE_BYTES) return actions.reject(source, [{ path: '', message: `is ${file.size} bytes; the limit is ${MAX_FILE_BYTES}.` }]);
    const text = await file.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return actions.reject(source, [{ path: '', message: `is not valid JSON (${e instanceof Error ? e.message : 'parse error'}).` }]);
    }
    const runner: SimRunner = startRunController();
    const checked = await runner.run(parsed);
    if (!checked.ok) return actions.reject(source, checked.issues);
    actions.loadScenario(parsed as ScenarioJson, 0);
    actions.say(`Loaded ${file.name}.`);
  };

  return (
    <section className="panel files" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <div className="row wrap">
        <button type="button" onClick={() => input.current?.click()}>Import scenario JSON…</button>
        <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Scenario file to import" onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
        <button type="button" disabled={!hasTrace} onClick={() => download(`${slug()}.json`, JSON.stringify(appStore.getState().traceScenario, null, 2) + '\n')}>Export scenario</button>
        <button type="button" disabled={!hasTrace} onClick={() => download(`${slug()}-trace.json`, JSON.stringify(toTraceJson(appStore.getState().trace!)) + '\n')}>Export trace JSON</button>
        <button type="button" disabled={!hasTrace} onClick={() => download(`${slug()}-trace.csv`, traceToCsv(toTraceJson(appStore.getState().trace!)), 'text/csv')}>Export trace CSV</button>
      </div>
    </section>
  );
}
