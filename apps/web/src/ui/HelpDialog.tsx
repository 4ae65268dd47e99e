import { useEffect, useRef } from 'react';

const KEYS: [string, string][] = [
  ['Space', 'Play or pause'],
  ['→ / ←', 'Step forward / back one decision'],
  ['Shift + → / ←', 'Step ten decisions'],
  ['Home / End', 'First / last decision'],
  ['?', 'This help'],
  ['Esc', 'Close this help'],
];

/** Keyboard shortcuts and how to read the playground; a native modal dialog, so focus and Esc just work. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p>Shortcuts work anywhere except while you type in a field.</p>
      <table>
        <tbody>
          {KEYS.map(([k, v]) => (
            <tr key={k}><th scope="row"><kbd>{k}</kbd></th><td>{v}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>How to read a run</h3>
      <p>
        Every number here comes from running the scenario through the simulator's real algorithm models in your browser.
        Each step is one decision of one limiter; the charts show the whole run with a cursor at the selected step, and the
        inspector shows that decision's state, explanation, headers and the code that made it.
      </p>
      <form method="dialog">
        <button type="submit" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
