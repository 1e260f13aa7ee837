import { isRetryableError, withRetry } from '@docent/retrieval';
import OpenAI from 'openai';
import { redactUrl } from '../http/public-text.js';
import type { Turn } from './conversation.js';
import { GenerationError, type GenerationInput, type Generator } from './generator.js';
import { linkedAbort } from './linked-abort.js';
import { answerMessages, rewriteMessages } from './prompt.js';

export type OpenAIGeneratorOptions = {
  model: string;
  /** Any OpenAI-compatible API: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp server, LM Studio. */
  baseURL?: string;
  apiKey?: string;
  temperature?: number;
  maxOutputTokens?: number;
  /** Retries of a failed request before the first token (429, 5xx, time-outs). */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Time limit for the first token of an attempt. */
  firstTokenTimeoutMs?: number;
  /** Where failures that do not stop an answer are reported (a follow-up the model could not rewrite). */
  log?: (line: string) => void;
};

function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (status === 429) return 'the language model is rate-limited (429)';
  if (status !== undefined) return `the language model answered with an error (${status})`;
  if ((error as Error).name === 'TimeoutError' || /timed? ?out/i.test(String(error)))
    return 'the language model did not answer in time';
  return 'the language model could not be reached';
}

/** Answers through the real `openai` SDK against any OpenAI-compatible Chat Completions API, streamed. */
export class OpenAIGenerator implements Generator {
  readonly mode = 'llm';
  readonly description: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIGeneratorOptions) {
    if (!options.model)
      throw new Error(
        'The OpenAI generator needs a model: set DOCENT_LLM_MODEL (e.g. gpt-4o-mini, llama3.1).',
      );
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      maxRetries: 0,
    });
    this.description = `openai-compatible (${options.model}${options.baseURL ? ` at ${redactUrl(options.baseURL)}` : ''})`;
  }

  async *generate(input: GenerationInput): AsyncIterable<string> {
    const messages = answerMessages(input.question, input.sources, input.history);
    // Up to the first token a failure is retried; after it, it ends the answer.
    const { iterator, first } = await withRetry(() => this.firstToken(messages, input.signal), {
      retries: this.options.retries ?? 2,
      baseDelayMs: this.options.retryBaseDelayMs ?? 300,
      retryable: (error) =>
        !input.signal.aborted && (isRetryableError(error) || (error as Error).name === 'TimeoutError'),
      signal: input.signal,
    }).catch((error: unknown) => {
      if (input.signal.aborted) throw input.signal.reason;
      throw new GenerationError(`${describe(error)}; no answer was started.`, { cause: error });
    });
    if (first) yield first;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const delta = next.value.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    } catch (error) {
      if (input.signal.aborted) throw input.signal.reason;
      throw new GenerationError(`The answer was cut off: ${describe(error)}.`, { cause: error });
    }
  }

  /** One attempt: opens the stream and waits for its first token, within the first-token time limit. */
  private async firstToken(messages: ReturnType<typeof answerMessages>, signal: AbortSignal) {
    const attempt = linkedAbort([signal], this.options.firstTokenTimeoutMs ?? 20_000);
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.options.model,
          messages,
          stream: true,
          temperature: this.options.temperature ?? 0.2,
          ...(this.options.maxOutputTokens ? { max_tokens: this.options.maxOutputTokens } : {}),
        },
        { signal: attempt.signal },
      );
      const iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const next = await iterator.next();
        if (next.done) return { iterator, first: '' };
        const delta = next.value.choices[0]?.delta?.content;
        if (delta) return { iterator, first: delta };
      }
    } catch (error) {
      throw attempt.signal.aborted && !signal.aborted ? attempt.signal.reason : error;
    } finally {
      // Once the first token is in, only the answer's own signal (reader gone, answer time limit) applies.
      attempt.clearTimeout();
    }
  }

  async rewrite(question: string, history: Turn[], signal: AbortSignal): Promise<string> {
    const abort = linkedAbort([signal], 5000);
    try {
      const response = await this.client.chat.completions.create(
        {
          model: this.options.model,
          messages: rewriteMessages(question, history),
          temperature: 0,
          max_tokens: 80,
        },
        { signal: abort.signal },
      );
      const rewritten = response.choices[0]?.message?.content?.trim();
      return rewritten ? rewritten.slice(0, 500) : question;
    } catch (error) {
      // The question is still answered, searched as the reader wrote it; the log says why.
      if (!signal.aborted)
        this.options.log?.(
          `rewriting a follow-up failed, searching the question as asked: ${describe(error)}`,
        );
      return question;
    } finally {
      abort.clear();
    }
  }
}
