/**
 * Calls `fn` once the browser has painted the current DOM: animation-frame callbacks run before a frame's style,
 * layout and paint, and a task posted from one runs after that paint. A page in a background tab gets no animation
 * frames; with `fallbackMs` a timer calls `fn` anyway after that long (work that must not wait forever), without it
 * `fn` waits for a real paint (measurements). Returns a function that cancels the call.
 */
export function afterNextPaint(fn: () => void, fallbackMs: number | null = null): () => void {
  let done = false;
  const channel = new MessageChannel();
  const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
  const timer = fallbackMs === null ? undefined : setTimeout(() => run(), fallbackMs);
  const cancel = () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    channel.port1.close();
  };
  const run = () => {
    if (done) return;
    cancel();
    fn();
  };
  channel.port1.onmessage = run;
  return cancel;
}
