import type { QuestionEntry } from '../question-log/question-log.js';

/** What the owner pays per million tokens (in their currency): prompt and completion tokens may differ. */
export type TokenPrices = { promptPerMillion: number; completionPerMillion: number };

export type UsageDay = {
  day: string;
  /** Answers the language model wrote (entries with usage). */
  answers: number;
  promptTokens: number;
  completionTokens: number;
  /** Searches and reads the model made itself. */
  steps: number;
  /** Answers cut off (the reader was told). */
  cutOff: number;
  /** Mean time the model took per answer, in ms (retrieval not included). */
  modelMsPerAnswer: number;
  /** Tokens times prices, when prices were given (`--price-per-million-tokens`). */
  cost?: number;
};

/**
 * The language model's usage per day, from the question log's `usage` and `cutOff` fields, with the cost
 * when prices per million tokens are given (cost = prompt × prompt price / 10⁶ + completion × completion
 * price / 10⁶, rounded to 4 decimals). Days without any LLM answer are left out.
 */
export function usagePerDay(questions: readonly QuestionEntry[], prices?: TokenPrices): UsageDay[] {
  const days = new Map<string, UsageDay & { modelMs: number }>();
  for (const entry of questions) {
    if (!entry.usage && !entry.cutOff) continue;
    const key = entry.at.slice(0, 10);
    const day = days.get(key) ?? {
      day: key,
      answers: 0,
      promptTokens: 0,
      completionTokens: 0,
      steps: 0,
      cutOff: 0,
      modelMsPerAnswer: 0,
      modelMs: 0,
    };
    if (entry.cutOff) day.cutOff++;
    if (entry.usage) {
      day.answers++;
      day.promptTokens += entry.usage.promptTokens;
      day.completionTokens += entry.usage.completionTokens;
      day.steps += entry.usage.steps;
      day.modelMs += entry.usage.modelMs;
    }
    days.set(key, day);
  }
  return [...days.values()]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(({ modelMs, ...day }) => ({
      ...day,
      modelMsPerAnswer: day.answers > 0 ? Math.round(modelMs / day.answers) : 0,
      ...(prices
        ? {
            cost:
              Math.round(
                ((day.promptTokens * prices.promptPerMillion +
                  day.completionTokens * prices.completionPerMillion) /
                  1e6) *
                  10_000,
              ) / 10_000,
          }
        : {}),
    }));
}
