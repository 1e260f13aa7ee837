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

/** Runs `task`, retrying retryable failures with exponential backoff and full jitter. */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.retries || options.signal?.aborted || !options.retryable(error)) throw error;
      const ceiling = Math.min(options.maxDelayMs ?? 10_000, options.baseDelayMs * 2 ** attempt);
      const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
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
