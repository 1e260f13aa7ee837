import { isRetryableError, withRetry } from '@docent/retrieval';
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { GenerationError } from './generator.js';
import { linkedAbort } from './linked-abort.js';

/** A tool call as the model streamed it: arguments are the raw JSON text, possibly malformed. */
export type ToolCallRequest = { id: string; name: string; arguments: string };

/** How one streamed completion ended. */
export type CompletionEnd = {
  /** `stop`, `length`, `tool_calls`, `content_filter`…; `null` when the stream ended without one. */
  finishReason: string | null;
  toolCalls: ToolCallRequest[];
  /** The API's usage (sent with `stream_options.include_usage`), or null when it sent none. */
  usage: { promptTokens: number; completionTokens: number } | null;
  /** The model that answered, as the API named it. */
  model: string | null;
  /** The text the model wrote in this completion. */
  text: string;
};

export type CompletionOptions = {
  signal: AbortSignal;
  retries: number;
  retryBaseDelayMs: number;
  /** Time limit for the first chunk of an attempt (text, a tool call or a finish reason). */
  firstTokenTimeoutMs: number;
};

/** Says what went wrong with the model in words a reader can act on. */
export function describeModelError(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (status === 429) return 'the language model is rate-limited (429)';
  if (status !== undefined) return `the language model answered with an error (${status})`;
  if ((error as Error).name === 'TimeoutError' || /timed? ?out/i.test(String(error)))
    return 'the language model did not answer in time';
  return 'the language model could not be reached';
}

/**
 * Streams one Chat Completions request: yields its text deltas and returns how it ended (finish reason,
 * tool calls assembled from their deltas, usage). Up to the first chunk a failure is retried (429, 5xx,
 * time-outs) and then thrown as a `GenerationError` whose `cause` is the API's error; after it, a failure
 * ends the answer ("cut off").
 */
export async function* streamCompletion(
  client: OpenAI,
  body: ChatCompletionCreateParamsStreaming,
  options: CompletionOptions,
): AsyncGenerator<string, CompletionEnd> {
  const { signal } = options;
  const { iterator, first } = await withRetry(() => open(client, body, options), {
    retries: options.retries,
    baseDelayMs: options.retryBaseDelayMs,
    retryable: (error) =>
      !signal.aborted && (isRetryableError(error) || (error as Error).name === 'TimeoutError'),
    signal,
  }).catch((error: unknown) => {
    if (signal.aborted) throw signal.reason;
    throw new GenerationError(`${describeModelError(error)}; no answer was started.`, { cause: error });
  });
  const end: CompletionEnd = { finishReason: null, toolCalls: [], usage: null, model: null, text: '' };
  const calls: ToolCallRequest[] = [];
  const absorb = (chunk: ChatCompletionChunk): string => {
    if (chunk.model) end.model = chunk.model;
    if (chunk.usage)
      end.usage = {
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
      };
    const choice = chunk.choices[0];
    if (!choice) return '';
    if (choice.finish_reason) end.finishReason = choice.finish_reason;
    for (const call of choice.delta?.tool_calls ?? []) {
      const slot = calls[call.index] ?? { id: '', name: '', arguments: '' };
      calls[call.index] = slot;
      if (call.id) slot.id = call.id;
      if (call.function?.name) slot.name += call.function.name;
      if (call.function?.arguments) slot.arguments += call.function.arguments;
    }
    const text = choice.delta?.content ?? '';
    end.text += text;
    return text;
  };
  let finished = false;
  try {
    if (first) {
      const text = absorb(first);
      if (text) yield text;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const text = absorb(next.value);
      if (text) yield text;
    }
    finished = true;
  } catch (error) {
    finished = true;
    if (signal.aborted) throw signal.reason;
    throw new GenerationError(`The answer was cut off: ${describeModelError(error)}.`, { cause: error });
  } finally {
    // Left early (the answer bound): the SDK closes the HTTP stream.
    if (!finished) await iterator.return?.().catch(() => {});
  }
  end.toolCalls = calls.filter(Boolean).map((call, index) => ({ ...call, id: call.id || `call_${index}` }));
  return end;
}

/** One attempt: opens the stream and waits for its first meaningful chunk, within the first-token limit. */
async function open(client: OpenAI, body: ChatCompletionCreateParamsStreaming, options: CompletionOptions) {
  const { signal } = options;
  const attempt = linkedAbort([signal], options.firstTokenTimeoutMs);
  try {
    const stream = await client.chat.completions.create(body, { signal: attempt.signal });
    const iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next();
      if (next.done) return { iterator, first: null };
      const choice = next.value.choices[0];
      if (
        choice?.delta?.content ||
        choice?.delta?.tool_calls?.length ||
        choice?.finish_reason ||
        next.value.usage
      )
        return { iterator, first: next.value };
    }
  } catch (error) {
    throw attempt.signal.aborted && !signal.aborted ? attempt.signal.reason : error;
  } finally {
    // Once the first chunk is in, only the answer's own signal (reader gone, answer time limit) applies.
    attempt.clearTimeout();
  }
}
