import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { redactUrl } from '../http/public-text.js';
import { agenticAnswer, ToolsRejectedError } from './agentic-answer.js';
import { type CompletionEnd, describeModelError, streamCompletion } from './completion-stream.js';
import type { Turn } from './conversation.js';
import {
  estimatedTokens,
  type GenerationEvent,
  type GenerationInput,
  type Generator,
  type ModelUsage,
  type RewrittenQuery,
} from './generator.js';
import { linkedAbort } from './linked-abort.js';
import { answerMessages, readRewrite, rewriteMessages } from './prompt.js';

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

/** Answers through the real `openai` SDK against any OpenAI-compatible Chat Completions API, streamed. */
export class OpenAIGenerator implements Generator {
  readonly mode = 'llm';
  readonly description: string;
  private readonly client: OpenAI;
  /** Set once the model rejected `tools`: it is not offered them again (one generator serves one model). */
  withoutTools = false;
  /** Set once the server refused `stream_options`: usage is estimated instead of asked for. */
  withoutUsage = false;

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

  async *generate(input: GenerationInput): AsyncIterable<string | GenerationEvent> {
    const tools = input.tools;
    if (tools && tools.maxSteps > 0 && !this.withoutTools) {
      try {
        yield* agenticAnswer((...call) => this.complete(...call), input, tools);
        return;
      } catch (error) {
        // A model that rejects `tools` (HTTP 400 before any token) answers from the first retrieval, and is
        // not offered tools again by this service.
        if (!(error instanceof ToolsRejectedError)) throw error;
        this.withoutTools = true;
        this.options.log?.(
          `the language model ${this.options.model} rejected tools (400): answering from one search, now and from now on`,
        );
      }
    }
    const messages = answerMessages(input.question, input.sources.all(), input.history);
    const end = yield* this.complete(messages, input);
    yield { type: 'finish', finishReason: end.finishReason };
  }

  /**
   * One streamed completion: yields its text deltas, returns how it ended, and reports its usage to
   * `onUsage` however it ends (finished, cut, failed): the API's usage when it sent it, else an estimate at 4
   * characters a token. A request the API refused before any output (an HTTP 4xx, e.g. a model that takes no
   * `tools`) processed no tokens and reports none.
   */
  async *complete(
    messages: ChatCompletionMessageParam[],
    input: Pick<GenerationInput, 'signal' | 'onUsage'>,
    extra: Partial<ChatCompletionCreateParamsStreaming> = {},
  ): AsyncGenerator<string, CompletionEnd> {
    const started = performance.now();
    let written = 0;
    let end: CompletionEnd | null = null;
    const open = (usage: boolean) =>
      streamCompletion(
        this.client,
        {
          model: this.options.model,
          messages,
          stream: true,
          // The API's own token counts arrive in a last chunk (OpenAI, vLLM, Ollama, llama.cpp, LM Studio).
          ...(usage ? { stream_options: { include_usage: true } } : {}),
          temperature: this.options.temperature ?? 0.2,
          ...(this.options.maxOutputTokens ? { max_tokens: this.options.maxOutputTokens } : {}),
          ...extra,
        },
        {
          signal: input.signal,
          retries: this.options.retries ?? 2,
          retryBaseDelayMs: this.options.retryBaseDelayMs ?? 300,
          firstTokenTimeoutMs: this.options.firstTokenTimeoutMs ?? 20_000,
        },
      );
    let stream = open(!this.withoutUsage);
    let first = true;
    let refused = false;
    try {
      for (;;) {
        let next: IteratorResult<string, CompletionEnd>;
        try {
          next = await stream.next();
        } catch (error) {
          refused = first && isClientError(error);
          // A server that refuses `stream_options` (HTTP 400 before any token) is asked again without it;
          // when that works, it is not sent again (usage is then estimated).
          if (!first || this.withoutUsage || !isBadRequest(error)) throw error;
          this.withoutUsage = true;
          stream = open(false);
          try {
            next = await stream.next();
          } catch (retried) {
            this.withoutUsage = false;
            refused = isClientError(retried);
            throw retried;
          }
          refused = false;
          this.options.log?.(
            `the language model ${this.options.model} refused stream_options (400): token usage is estimated from now on`,
          );
        }
        first = false;
        if (next.done) {
          end = next.value;
          return end;
        }
        written += next.value.length;
        yield next.value;
      }
    } finally {
      // Left early (the answer bound, the reader gone): close the model's stream too.
      if (!end) await stream.return(undefined as never);
      if (!refused)
        input.onUsage?.({
          model: end?.model ?? this.options.model,
          promptTokens: end?.usage?.promptTokens ?? estimatedTokens(JSON.stringify(messages)),
          completionTokens:
            end?.usage?.completionTokens ??
            estimatedTokens(written + (end ? JSON.stringify(end.toolCalls).length : 0)),
          reported: end?.usage != null,
          durationMs: performance.now() - started,
        });
    }
  }

  async rewrite(question: string, history: Turn[], signal: AbortSignal): Promise<RewrittenQuery> {
    const abort = linkedAbort([signal], 5000);
    const started = performance.now();
    const messages = rewriteMessages(question, history);
    // The API's usage when it sent one; else estimated from the messages and what the model wrote.
    const usageOf = (
      content: string,
      response?: { model?: string; usage?: { prompt_tokens: number; completion_tokens: number } | null },
    ): ModelUsage => ({
      model: response?.model || this.options.model,
      promptTokens: response?.usage?.prompt_tokens ?? estimatedTokens(JSON.stringify(messages)),
      completionTokens: response?.usage?.completion_tokens ?? estimatedTokens(content),
      reported: response?.usage != null,
      durationMs: performance.now() - started,
    });
    try {
      const response = await this.client.chat.completions.create(
        { model: this.options.model, messages, temperature: 0, max_tokens: 160 },
        { signal: abort.signal },
      );
      const content = response.choices[0]?.message?.content ?? '';
      const usage = usageOf(content, response);
      const rewritten = readRewrite(content);
      return rewritten.standalone
        ? { ...rewritten, usage }
        : { standalone: question, docsQuery: null, usage };
    } catch (error) {
      // The question is still answered, searched as the reader wrote it; the log says why.
      if (!signal.aborted)
        this.options.log?.(
          `rewriting a follow-up failed, searching the question as asked: ${describeModelError(error)}`,
        );
      // A request the model may have worked on (cut by the time limit, a 5xx) is estimated; one refused (4xx)
      // or never delivered (a connection error) used no tokens.
      const status = (error as { status?: number }).status;
      const worked = abort.signal.aborted || (status !== undefined && status >= 500);
      return worked
        ? { standalone: question, docsQuery: null, usage: usageOf('') }
        : { standalone: question, docsQuery: null };
    } finally {
      abort.clear();
    }
  }
}

/** A `GenerationError` caused by an HTTP 400 from the API (a request it does not accept). */
function isBadRequest(error: unknown): boolean {
  return (error as { cause?: { status?: number } }).cause?.status === 400;
}

/** Whether the API refused the request (HTTP 4xx): nothing was generated, so no tokens were used. */
function isClientError(error: unknown): boolean {
  const status = (error as { cause?: { status?: number } }).cause?.status;
  return status !== undefined && status >= 400 && status < 500;
}
