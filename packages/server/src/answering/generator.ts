import type { Chunk } from '@docent/protocol';
import type { Turn } from './conversation.js';

export type GenerationInput = {
  question: string;
  /** Numbered sources, [1] first. */
  sources: Chunk[];
  history: Turn[];
  signal: AbortSignal;
};

/** Makes the answer text, streamed as deltas. Citations are `[n]`, n counting sources from 1. */
export interface Generator {
  readonly mode: 'llm' | 'extractive';
  /** Describes the generator in one phrase, for logs and `/readyz`. */
  readonly description: string;
  generate(input: GenerationInput): AsyncIterable<string>;
  /** Rewrites a follow-up into a standalone question (LLM only). */
  rewrite?(question: string, history: Turn[], signal: AbortSignal): Promise<string>;
}

/** A failure of the language model, with what the reader should be told. */
export class GenerationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GenerationError';
  }
}
