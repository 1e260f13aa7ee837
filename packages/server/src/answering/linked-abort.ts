/**
 * An AbortController that aborts when any parent signal does, or after `timeoutMs` (with a
 * `TimeoutError`). `clearTimeout()` stops the timer only (the link to the parents stays); `clear()` also
 * unlinks from the parents. Built by hand rather than with `AbortSignal.any` and
 * `AbortSignal.timeout`, whose timers are unreliable while a stream is being read.
 */
export function linkedAbort(parents: (AbortSignal | undefined)[], timeoutMs?: number) {
  const controller = new AbortController();
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const listeners: [AbortSignal, () => void][] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) abort(parent.reason);
    const listener = () => abort(parent.reason);
    parent.addEventListener('abort', listener, { once: true });
    listeners.push([parent, listener]);
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
          timeoutMs,
        );
  return {
    signal: controller.signal,
    abort,
    clearTimeout() {
      if (timer) clearTimeout(timer);
    },
    clear() {
      if (timer) clearTimeout(timer);
      for (const [parent, listener] of listeners) parent.removeEventListener('abort', listener);
    },
  };
}
