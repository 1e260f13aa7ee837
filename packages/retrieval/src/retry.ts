export type RetryOptions = {
  /** Attempts after the first one. */
  retries: number;
  /** Delay before the first retry, doubled each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs?: number;
  /** Whether a failure is worth retrying (e.g. 429, 5xx, a timeout). */
  retryable: (error: unknown) => boolean;
  signal?: AbortSignal;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
};

/**
 * How long a failed HTTP call asks to be left alone: `retry-after-ms` (OpenAI), else `Retry-After` in seconds
 * or as an HTTP date, from the error's response headers (the `openai` SDK's `APIError.headers`).
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const read = (name: string): string | undefined => {
    const value =
      typeof (headers as Headers).get === 'function'
        ? (headers as Headers).get(name)
        : (headers as Record<string, unknown>)[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const milliseconds = Number(read('retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const after = read('retry-after');
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Runs `task`, retrying retryable failures with exponential backoff and full jitter (or as Retry-After says). */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.retries || options.signal?.aborted || !options.retryable(error)) throw error;
      const ceiling = Math.min(options.maxDelayMs ?? 10_000, options.baseDelayMs * 2 ** attempt);
      // The server's own Retry-After wins over the backoff (up to a minute): retrying sooner only fails again.
      const hinted = retryAfterMs(error);
      const delay =
        hinted !== undefined
          ? Math.min(hinted, 60_000)
          : Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay, options.signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** HTTP statuses worth retrying: rate limits and server-side failures. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

/** Retryable for errors thrown by the `openai` SDK and by fetch: 429, 5xx, timeouts, refused connections. */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return isRetryableStatus(status);
  const name = (error as { name?: string }).name ?? '';
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  return (
    name === 'APIConnectionError' ||
    name === 'APIConnectionTimeoutError' ||
    name === 'TimeoutError' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET'
  );
}
