import { useState } from 'react';
import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import { currentLink } from './url-sync';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The share link (scenario + step), and an embed snippet optionally locked to a range of steps around now. */
export function SharePanel() {
  const [open, setOpen] = useState(false);
  const [lockAround, setLockAround] = useState(false);
  const step = useApp((s) => s.step);
  const steps = useApp((s) => s.steps);
  useApp((s) => s.traceScenario);
  if (!steps) return null;
  const url = open ? currentLink({ embed: false, range: null }) : '';
  const range: [number, number] | null = lockAround ? [Math.max(0, step - 10), Math.min(steps.length - 1, step + 10)] : null;
  const embedUrl = open ? currentLink({ embed: true, range }) : '';
  const snippet = `<iframe src="${embedUrl}" title="ratelab scenario" width="800" height="600" style="border:0"></iframe>`;
  return (
    <div className="share">
      <button type="button" aria-expanded={open} aria-controls="share-pop" onClick={() => setOpen(!open)}>Share</button>
      {open && (
        <div id="share-pop" className="popover" role="group" aria-label="Share this run">
          <label>
            Link to this run at step {step + 1}
            <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={async () => actions.say((await copy(url)) ? 'Link copied.' : 'Copy failed: select the link and copy it by hand.')}>Copy link</button>
          <label className="check">
            <input type="checkbox" checked={lockAround} onChange={(e) => setLockAround(e.target.checked)} /> Lock the embed to steps near this one
          </label>
          <label>
            Embed code
            <textarea readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={async () => actions.say((await copy(snippet)) ? 'Embed code copied.' : 'Copy failed: select the code and copy it by hand.')}>Copy embed code</button>
        </div>
      )}
    </div>
  );
}
