import { useState } from 'react';
import { link } from '../app/boot';

const KEY = 'ratelab.welcomed';

function seen(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** A first-run note: shown on a plain visit (not on a shared link) until dismissed. */
export function Welcome() {
  const [open, setOpen] = useState(() => link.scenario === null && !seen());
  if (!open) return null;
  const close = () => {
    try {
      localStorage.setItem(KEY, '1');
    } catch {
      // Not remembering is harmless: the note shows again next visit.
    }
    setOpen(false);
  };
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to the ratelab playground</h2>
      <p>
        A scenario is some traffic and up to four rate limiters. It has just run through the real algorithms, right here in
        your browser. Press <kbd>Space</kbd> to play it, <kbd>←</kbd>/<kbd>→</kbd> to step one decision, pick another lesson
        from the library, or change any parameter on the left and watch every chart re-run.
      </p>
      <button type="button" onClick={close}>Got it</button>
    </section>
  );
}
