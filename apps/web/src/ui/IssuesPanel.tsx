import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import type { Issue } from '../state/types';

function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <ul className="issues">
      {issues.map((i, n) => (
        <li key={n}>
          <code className="path">{i.path || '(whole file)'}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * Every problem with the scenario, each with its JSON path. The last good run stays on screen (dimmed) so a typo
 * in a field never blanks the page.
 */
export function IssuesPanel() {
  const status = useApp((s) => s.status);
  const issues = useApp((s) => s.issues);
  const rejected = useApp((s) => s.rejected);
  return (
    <>
      {rejected && (
        <section className="problems" role="alert" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{rejected.source} was not loaded: {rejected.issues.length} problem{rejected.issues.length === 1 ? '' : 's'}</h2>
          <IssueList issues={rejected.issues} />
          <button type="button" className="text-btn" onClick={actions.clearRejected}>Dismiss</button>
        </section>
      )}
      {(status === 'invalid' || status === 'failed') && issues.length > 0 && (
        <section className="problems" role="alert" aria-labelledby="issues-title">
          <h2 id="issues-title">This scenario cannot run: {issues.length} problem{issues.length === 1 ? '' : 's'}</h2>
          <IssueList issues={issues} />
          <p className="muted">Fix the fields named above; the charts show the last run that worked.</p>
        </section>
      )}
    </>
  );
}
