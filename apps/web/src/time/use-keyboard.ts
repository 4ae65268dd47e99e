import { useEffect, useRef } from 'react';
import { actions } from '../state/app-store';
import type { Playback } from './use-playback';

/** True when a key press belongs to a text field, a list box or an editable element, not to the playground. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['range', 'checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
  return false;
}

/**
 * Space plays/pauses, ←/→ step one decision (Shift: ten), Home/End jump to the ends, ? opens the help.
 * Nothing fires while typing, with a modifier held, or inside an open dialog; Space is left to a focused button
 * so it is not pressed twice, and arrows are left to a focused scrubber, which already moves by one step.
 */
export function useKeyboard(playback: Playback, openHelp: () => void): void {
  const latest = useRef({ playback, openHelp });
  latest.current = { playback, openHelp };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest('dialog')) return;
      const onButton = !!target?.closest('button, a, summary, [role="button"]');
      const onRange = target instanceof HTMLInputElement && target.type === 'range';
      const { playback: p, openHelp: help } = latest.current;
      switch (e.key) {
        case ' ':
          if (onButton) return;
          p.toggle();
          break;
        case 'ArrowRight':
          if (onRange) return;
          p.pause();
          actions.stepBy(e.shiftKey ? 10 : 1);
          break;
        case 'ArrowLeft':
          if (onRange) return;
          p.pause();
          actions.stepBy(e.shiftKey ? -10 : -1);
          break;
        case 'Home':
          if (onRange) return;
          p.pause();
          actions.first();
          break;
        case 'End':
          if (onRange) return;
          p.pause();
          actions.last();
          break;
        case '?':
          help();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
