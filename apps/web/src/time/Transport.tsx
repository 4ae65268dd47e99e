import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import { nextBlocked } from './markers';
import { SPEEDS } from './playback-machine';
import type { Playback } from './use-playback';
import { useMarkers } from './use-markers';

/** Play/pause, one-decision steps, jumps to the ends and to the next or previous blocked request, speed. */
export function Transport({ playback }: { playback: Playback }) {
  const ready = useApp((s) => s.steps !== null && s.steps.length > 0);
  const step = useApp((s) => s.step);
  const markers = useMarkers();
  const jump = (dir: 1 | -1) => {
    if (!markers) return;
    const to = nextBlocked(markers, step, dir);
    playback.pause();
    if (to !== null) actions.setStep(to);
    else actions.say(dir === 1 ? 'No blocked request after this step.' : 'No blocked request before this step.');
  };
  const by = (fn: () => void) => () => {
    playback.pause();
    fn();
  };
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <button type="button" onClick={by(actions.first)} disabled={!ready} aria-label="First decision (Home)" title="First decision (Home)">⇤</button>
      <button type="button" onClick={by(() => actions.stepBy(-1))} disabled={!ready} aria-label="Step back one decision (←)" title="Step back (←)">◀</button>
      <button type="button" className="play" onClick={playback.toggle} disabled={!ready} aria-label={playback.playing ? 'Pause (Space)' : 'Play (Space)'} aria-pressed={playback.playing}>
        {playback.playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={by(() => actions.stepBy(1))} disabled={!ready} aria-label="Step forward one decision (→)" title="Step forward (→)">▶</button>
      <button type="button" onClick={by(actions.last)} disabled={!ready} aria-label="Last decision (End)" title="Last decision (End)">⇥</button>
      <button type="button" onClick={() => jump(-1)} disabled={!ready} className="text-btn" aria-label="Previous blocked request">← Blocked</button>
      <button type="button" onClick={() => jump(1)} disabled={!ready} className="text-btn" aria-label="Next blocked request">Blocked →</button>
      <label className="speed">
        Speed{' '}
        <select value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>{s}×</option>
          ))}
        </select>
      </label>
    </div>
  );
}
