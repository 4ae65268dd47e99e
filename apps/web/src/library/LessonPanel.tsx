import { useApp } from '../state/use-app';

/** Renders the small Markdown subset lessons use: paragraphs, `code` and **bold**; everything else stays text. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('`') && p.endsWith('`') && p.length > 1 ? <code key={i}>{p.slice(1, -1)}</code>
        : p.startsWith('**') && p.endsWith('**') && p.length > 3 ? <b key={i}>{p.slice(2, -2)}</b>
        : p,
      )}
    </>
  );
}

/** The scenario's lesson and its "what to notice", beside the run. */
export function LessonPanel() {
  const scenario = useApp((s) => s.scenario);
  if (!scenario) return null;
  const paragraphs = (scenario.lesson ?? '').split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <section className="panel lesson" aria-labelledby="lesson-title">
      <h2 id="lesson-title">{scenario.title ?? 'Untitled scenario'}</h2>
      {paragraphs.length > 0 ? paragraphs.map((p, i) => <p key={i}><Inline text={p} /></p>) : <p className="muted">This scenario has no lesson text.</p>}
      {scenario.notice && (
        <div className="notice">
          <h3>What to notice</h3>
          <p><Inline text={scenario.notice} /></p>
        </div>
      )}
    </section>
  );
}
