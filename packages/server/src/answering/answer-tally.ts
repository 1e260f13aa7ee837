import type { CutOffReason, DocentAnswerData } from '@docent/protocol';
import type { GenerationEvent, ModelUsage } from './generator.js';

/** What an answer cost: the model's tokens and time, its steps, and retrieval's time apart from the model's. */
export type AnswerUsage = {
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** True when every model call's tokens came from the API's usage (false: some were estimated). */
  reported: boolean;
  /** Model calls made (one, plus one per round of tool calls, plus the follow-up rewrite when there is one). */
  calls: number;
  /** Searches and reads the model made itself. */
  steps: number;
  /** Time the model took, in ms (all its calls). */
  modelMs: number;
  /** Time retrieval took, in ms: the first search and every step's. */
  retrievalMs: number;
};

/** Adds up what a generator reports while it answers: usage, steps, and how the model ended. */
export class AnswerTally {
  private usage: ModelUsage[] = [];
  steps = 0;
  stepRetrievalMs = 0;
  /** The model's last finish reason; `undefined` until the model ends a completion. */
  finishReason: string | null | undefined = undefined;
  stepsExhausted = false;

  constructor(private readonly firstRetrievalMs: number) {}

  /** Counts one model call's usage. */
  addUsage(usage: ModelUsage): void {
    this.usage.push(usage);
  }

  observe(event: GenerationEvent): void {
    if (event.type === 'finish') this.finishReason = event.finishReason;
    else if (event.type === 'step-result') {
      this.steps++;
      this.stepRetrievalMs += event.run.retrievalMs;
    } else if (event.type === 'steps-exhausted') this.stepsExhausted = true;
  }

  /**
   * Why a language model's answer did not end on its own, if it did not: `answerBound` when Docent cut it.
   * The extractive generator always ends on its own.
   */
  cutOff(mode: 'llm' | 'extractive', answerBound: boolean): CutOffReason | undefined {
    if (answerBound) return 'answer-bound';
    if (mode !== 'llm') return undefined;
    if (this.stepsExhausted) return 'step-limit';
    if (this.finishReason === 'length') return 'length';
    if (this.finishReason === 'content_filter') return 'content-filter';
    if (this.finishReason === null || this.finishReason === undefined) return 'no-finish';
    return undefined;
  }

  /** The answer's usage, or undefined when no model was called. */
  total(): AnswerUsage | undefined {
    if (this.usage.length === 0) return undefined;
    return {
      model: this.usage.at(-1)!.model,
      promptTokens: sum(this.usage.map((usage) => usage.promptTokens)),
      completionTokens: sum(this.usage.map((usage) => usage.completionTokens)),
      reported: this.usage.every((usage) => usage.reported),
      calls: this.usage.length,
      steps: this.steps,
      modelMs: Math.round(sum(this.usage.map((usage) => usage.durationMs))),
      retrievalMs: Math.round(this.firstRetrievalMs + this.stepRetrievalMs),
    };
  }

  /** The facts `data-answer` carries about usage. */
  answerData(): Pick<DocentAnswerData, 'model' | 'usage' | 'steps'> {
    const total = this.total();
    if (!total) return {};
    return {
      model: total.model,
      usage: { promptTokens: total.promptTokens, completionTokens: total.completionTokens },
      steps: total.steps,
    };
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
