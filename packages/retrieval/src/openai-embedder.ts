import OpenAI from 'openai';
import type { Embedder } from './embedder.js';
import { isRetryableError, withRetry } from './retry.js';

export type OpenAIEmbedderOptions = {
  model: string;
  /** Any OpenAI-compatible embeddings API: OpenAI, Azure, Ollama (`http://localhost:11434/v1`), vLLM, TEI, LM Studio. */
  baseURL?: string;
  apiKey?: string;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Retries on 429, 5xx and connection failures (default 4). */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Request time limit in ms (default 60 s). */
  timeoutMs?: number;
  /** Ask the API for shorter vectors (models that support it). */
  dimensions?: number;
};

/** Embeddings through the `openai` SDK against any OpenAI-compatible `baseURL`, batched, with backoff. */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private readonly client: OpenAI;
  private knownDimensions: number | undefined;
  private callCount = 0;

  constructor(private readonly options: OpenAIEmbedderOptions) {
    if (!options.model) {
      throw new Error(
        'The OpenAI embedder needs a model: pass --embedding-model or set DOCENT_EMBEDDING_MODEL.',
      );
    }
    this.id = `openai:${options.model}`;
    this.knownDimensions = options.dimensions;
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      maxRetries: 0,
      timeout: options.timeoutMs ?? 60_000,
    });
  }

  get calls(): number {
    return this.callCount;
  }

  async dimensions(): Promise<number> {
    if (this.knownDimensions === undefined) await this.embed(['dimensions probe'], 'query');
    return this.knownDimensions!;
  }

  async embed(texts: string[], _kind: 'document' | 'query', signal?: AbortSignal): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 64;
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      const response = await withRetry(
        () => {
          this.callCount++;
          return this.client.embeddings.create(
            {
              model: this.options.model,
              input: batch,
              encoding_format: 'float',
              ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}),
            },
            { signal },
          );
        },
        {
          retries: this.options.retries ?? 4,
          baseDelayMs: this.options.retryBaseDelayMs ?? 500,
          retryable: isRetryableError,
          ...(signal ? { signal } : {}),
        },
      );
      const ordered = [...response.data].sort((a, b) => a.index - b.index);
      if (ordered.length !== batch.length) {
        throw new Error(`The embeddings API returned ${ordered.length} vectors for ${batch.length} texts.`);
      }
      for (const item of ordered) vectors.push(item.embedding);
    }
    if (vectors[0]) this.knownDimensions = vectors[0].length;
    return vectors;
  }
}
