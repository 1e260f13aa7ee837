import { redactUrls } from './redact-url.js';
import { isRetryableError, withRetry } from './retry.js';
import { StoreError } from './store-error.js';

/** Runs one Qdrant request with retries on 429, 5xx and connection failures; unreachable becomes `store:unavailable`. */
export async function qdrantRequest<T>(
  request: () => Promise<T>,
  options: { url: string; retries: number },
): Promise<T> {
  try {
    return await withRetry(request, {
      retries: options.retries,
      baseDelayMs: 200,
      retryable: (error) => isRetryableError(error) || isConnectionError(error),
    });
  } catch (error) {
    if (isConnectionError(error) || (error as { status?: number }).status === 503) {
      throw new StoreError(
        'store:unavailable',
        redactUrls(
          `Qdrant at ${options.url} is unreachable (${describe(error)}). Check that it is running and that QDRANT_URL points at it.`,
        ),
        { cause: error },
      );
    }
    throw error;
  }
}

function isConnectionError(error: unknown): boolean {
  const text = `${describe(error)} ${describe((error as { cause?: unknown })?.cause)}`;
  return /ECONNREFUSED|ECONNRESET|ENOTFOUND|fetch failed|socket|UND_ERR|Timeout/i.test(text);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error ?? '');
}
