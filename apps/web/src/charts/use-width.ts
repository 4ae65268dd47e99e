import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element in whole CSS pixels, kept current with a ResizeObserver. The first width is read in a
 * layout effect, so a freshly mounted chart is drawn at its real size before the browser paints; after that a new
 * run redraws at the known width without measuring anything.
 */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
