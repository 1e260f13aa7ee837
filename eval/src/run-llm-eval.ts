import type { EvalCorpus } from './eval-corpora.js';
import {
  estimateCost,
  type LlmMode,
  type LlmSettings,
  type LlmSummary,
  runLlmEvaluation,
  summarizeLlm,
} from './llm-evaluation.js';
import { readQuestions } from './read-questions.js';

export type LlmEvalOptions = {
  corpora: EvalCorpus[];
  llm: LlmSettings;
  modes: LlmMode[];
  concurrency: number;
  /** Questions per corpus, at most (the first ones). */
  limit?: number;
  /** What a million tokens cost, for the estimate printed first. */
  price?: number;
  steps: number;
  print: (line: string) => void;
};

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * `pnpm run eval -- --llm-base-url URL --llm-model NAME`: prints the run's size and cost estimate, then runs
 * every corpus through the model in each mode (single retrieval, agentic) and prints one row per corpus
 * and mode: fact recall, declines, false declines, failures, cut-off answers, steps, sources per step, the
 * share of citations that name a section a step found, and tokens.
 */
export async function runLlmEval(options: LlmEvalOptions): Promise<Record<string, LlmSummary[]>> {
  const sets = await Promise.all(
    options.corpora.map(async (corpus) => {
      const questions = await readQuestions(corpus.questions);
      return { corpus, questions: options.limit ? questions.slice(0, options.limit) : questions };
    }),
  );
  const total = sets.reduce((sum, set) => sum + set.questions.length, 0);
  const estimate = estimateCost(total, options.modes, options.steps, options.price);
  options.print(
    `LLM eval with ${options.llm.model}: ${total} questions x ${options.modes.join(' + ')}, ${options.concurrency} at a time; at most ~${estimate.calls} model calls and ~${(estimate.tokens / 1e6).toFixed(2)} M tokens${estimate.cost === null ? ' (give --price-per-million-tokens for the cost)' : `, about ${estimate.cost.toFixed(2)} at ${options.price} per million tokens`}.`,
  );
  const summaries: Record<string, LlmSummary[]> = {};
  options.print(
    '\ncorpus     mode      n   facts   declines  false-decl  failed  cut-off  steps  src/step  cited-from-steps  tokens (prompt/completion)',
  );
  for (const { corpus, questions } of sets) {
    summaries[corpus.name] = [];
    for (const mode of options.modes) {
      const results = await runLlmEvaluation({
        corpus,
        questions,
        llm: options.llm,
        mode,
        concurrency: options.concurrency,
        agenticSteps: options.steps,
      });
      const summary = summarizeLlm(mode, results);
      summaries[corpus.name]!.push(summary);
      options.print(
        [
          corpus.name.padEnd(10),
          mode.padEnd(8),
          String(summary.questions).padStart(3),
          percent(summary.factRecall).padStart(7),
          percent(summary.declineAccuracy).padStart(10),
          percent(summary.falseDeclines).padStart(11),
          String(summary.failed).padStart(7),
          String(summary.cutOff).padStart(8),
          summary.stepsPerAnswer.toFixed(2).padStart(6),
          summary.sourcesPerStep.toFixed(1).padStart(9),
          percent(summary.citedFromSteps).padStart(17),
          `  ${summary.promptTokens}/${summary.completionTokens}`,
        ].join(' '),
      );
    }
  }
  return summaries;
}
