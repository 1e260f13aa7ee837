import type { Chunk, DocentStepOutput } from '@docent/protocol';
import type { Turn } from './conversation.js';
import type { SourceList } from './source-list.js';

/** The sections a step of agentic retrieval may search and read: the request's own locale and version. */
export interface DocsToolbox {
  /** Most rounds of tool calls the model may make before it must answer. */
  readonly maxSteps: number;
  /** Most tokens (prompt + completion, all calls) before the model must answer. */
  readonly tokenBudget: number;
  /** After this time (ms since the epoch) the model gets no more steps: the rest of the time is the answer's. */
  readonly stepsUntil: number;
  /** Runs one tool call by name with its raw JSON arguments; never throws for bad input (the text says why). */
  run(name: string, rawArguments: string, signal: AbortSignal): Promise<ToolRun>;
}

/** What one tool call did: its input as parsed, the sections it returned, and the text the model reads. */
export type ToolRun = {
  input: unknown;
  /** Sections the call returned (each becomes a source the answer may cite). */
  sections: Chunk[];
  /** The text given back to the model. */
  output: string;
  /** Set when the call failed (unknown tool, malformed arguments, no such page). */
  error?: string;
  /** Time spent retrieving, in ms. */
  retrievalMs: number;
};

export type GenerationInput = {
  question: string;
  /** Numbered sources, [1] first; a step of agentic retrieval adds to them. */
  sources: SourceList;
  history: Turn[];
  signal: AbortSignal;
  /** The docs tools, when the model may search again itself (agentic retrieval). */
  tools?: DocsToolbox;
  /** Told each model call's usage, however the call ended (finished, cut off, failed). */
  onUsage?: (usage: ModelUsage) => void;
};

/** One model call's cost: tokens as the API reported them (else estimated) and the time the model took. */
export type ModelUsage = {
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** True when the API sent its usage; false when Docent estimated it (4 characters a token). */
  reported: boolean;
  /** Time from sending the request to the end of the model's stream, in ms. */
  durationMs: number;
};

/**
 * Tokens estimated from text when the API reports none: 4 characters a token (OpenAI's rule of thumb for
 * English). `text` is the text itself or its length in characters.
 */
export function estimatedTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / 4);
}

/** What a generator reports besides the answer's text. */
export type GenerationEvent =
  /** How the model ended the answer: `stop`, `length`, `content_filter`…, or `null` when it never said. */
  | { type: 'finish'; finishReason: string | null }
  /** A step of agentic retrieval began: the model called `tool` with `input`. */
  | { type: 'step-start'; stepId: string; tool: string; input: unknown }
  /** The step's result: the sections it found (already added to the sources) or why it failed. */
  | { type: 'step-result'; stepId: string; run: ToolRun; found: DocentStepOutput['sources'] }
  /** The model kept calling tools past the step limit (or token budget) without answering. */
  | { type: 'steps-exhausted' };

/**
 * Makes the answer text, streamed as deltas (strings), with events between them. Citations are `[n]`, n
 * counting sources from 1.
 */
export interface Generator {
  readonly mode: 'llm' | 'extractive';
  /** Describes the generator in one phrase, for logs and `/readyz`. */
  readonly description: string;
  generate(input: GenerationInput): AsyncIterable<string | GenerationEvent>;
  /**
   * Rewrites a follow-up into a standalone question, and a query in the docs' vocabulary when the model
   * writes one (LLM only; both are searched and their hits fused).
   */
  rewrite?(question: string, history: Turn[], signal: AbortSignal): Promise<RewrittenQuery>;
}

/** A follow-up made searchable: in the reader's words (standalone), and in the docs' words (or null). */
export type RewrittenQuery = {
  standalone: string;
  docsQuery: string | null;
  /** The rewrite call's tokens (counted in the answer's usage); absent when no model call was made. */
  usage?: ModelUsage;
};

/** A failure of the language model, with what the reader should be told. */
export class GenerationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GenerationError';
  }
}
