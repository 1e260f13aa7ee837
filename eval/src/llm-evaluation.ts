import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStream, type StreamPart } from '@docent/protocol';
import { createApp, OpenAIGenerator } from '@docent/server';
import type { EvalCorpus } from './eval-corpora.js';
import type { EvalQuestion } from './eval-question.js';
import { indexCorpus } from './index-corpus.js';
import { questionRequest } from './question-request.js';

export type LlmSettings = { baseURL: string; model: string; apiKey?: string };
export type LlmMode = 'single' | 'agentic';

/** One question answered by the model end to end. */
export type LlmResult = {
  id: string;
  kind: EvalQuestion['kind'];
  mode: LlmMode;
  factRecall: number;
  declined: boolean;
  /** The answer failed (an `error` part): counted apart, never as a decline. */
  failed: boolean;
  cutOff: string | null;
  steps: number;
  /** Sections each step returned. */
  sourcesPerStep: number[];
  /** Citations `[n]` kept in the answer, and how many of them name a section a step found. */
  cited: number;
  citedFromSteps: number;
  promptTokens: number;
  completionTokens: number;
  ms: number;
};

/** Questions answered by one mode, scored. */
export type LlmSummary = {
  mode: LlmMode;
  questions: number;
  factRecall: number;
  declineAccuracy: number;
  falseDeclines: number;
  failed: number;
  cutOff: number;
  stepsPerAnswer: number;
  sourcesPerStep: number;
  citedFromSteps: number;
  promptTokens: number;
  completionTokens: number;
};

/**
 * Asks every question of a corpus through the answer service with a real language model (any
 * OpenAI-compatible API), in one mode: `single` (one retrieval) or `agentic` (the model may search again,
 * `agenticSteps` steps). At most `concurrency` answers run at once. The service's own pipeline: the same
 * prompt, filters, decline rules and bounds as readers get.
 */
export async function runLlmEvaluation(options: {
  corpus: EvalCorpus;
  questions: EvalQuestion[];
  llm: LlmSettings;
  mode: LlmMode;
  concurrency: number;
  agenticSteps?: number;
}): Promise<LlmResult[]> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-eval-llm-'));
  try {
    const { store } = await indexCorpus(options.corpus, folder);
    const generator = new OpenAIGenerator({
      model: options.llm.model,
      baseURL: options.llm.baseURL,
      ...(options.llm.apiKey ? { apiKey: options.llm.apiKey } : {}),
    });
    const app = createApp({
      store,
      generator,
      config: {
        rateLimit: null,
        agenticSteps: options.mode === 'agentic' ? (options.agenticSteps ?? 3) : 0,
      },
      log: () => {},
    });
    const results: LlmResult[] = new Array(options.questions.length);
    let next = 0;
    const worker = async () => {
      while (next < options.questions.length) {
        const index = next++;
        results[index] = await ask(app, options.corpus, options.questions[index]!, options.mode, index);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    await store.close();
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function ask(
  app: ReturnType<typeof createApp>,
  corpus: EvalCorpus,
  question: EvalQuestion,
  mode: LlmMode,
  index: number,
): Promise<LlmResult> {
  const request = questionRequest(app, corpus, question, `eval-llm-${index}`);
  const started = performance.now();
  const response = await app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (response.status !== 200)
    throw new Error(`question ${question.id}: HTTP ${response.status} ${await response.text()}`);
  const parts: StreamPart[] = [];
  if (response.body) await readStream(response.body, (part) => parts.push(part));
  let text = '';
  let declined = false;
  let failed = false;
  let cutOff: string | null = null;
  let usage = { promptTokens: 0, completionTokens: 0 };
  const sourcesPerStep: number[] = [];
  const fromSteps = new Set<number>();
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.delta;
    if (part.type === 'error') failed = true;
    if (part.type === 'data-notice') cutOff = part.data.reason;
    if (part.type === 'tool-output-available') {
      sourcesPerStep.push(part.output.sources.length);
      for (const source of part.output.sources) fromSteps.add(Number(source.sourceId.replace('source-', '')));
    }
    if (part.type === 'tool-output-error') sourcesPerStep.push(0);
    if (part.type === 'data-answer') {
      declined = part.data.declined;
      usage = part.data.usage ?? usage;
    }
  }
  const cited = [...text.matchAll(/\[(\d{1,3})\]/g)].map((match) => Number(match[1]));
  const normalized = text.toLowerCase().replace(/\s+/g, ' ');
  const found = question.facts.filter((fact) => normalized.includes(fact.toLowerCase().replace(/\s+/g, ' ')));
  return {
    id: question.id,
    kind: question.kind,
    mode,
    factRecall: question.facts.length > 0 ? found.length / question.facts.length : 1,
    declined,
    failed,
    cutOff,
    steps: sourcesPerStep.length,
    sourcesPerStep,
    cited: cited.length,
    citedFromSteps: cited.filter((number) => fromSteps.has(number)).length,
    ...usage,
    ms: performance.now() - started,
  };
}

/** Scores one mode's results: fact recall on answerable questions, decline accuracy, steps and tokens. */
export function summarizeLlm(mode: LlmMode, results: LlmResult[]): LlmSummary {
  const mean = (values: number[]) =>
    values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
  const answerable = results.filter((result) => result.kind !== 'unanswerable');
  const unanswerable = results.filter((result) => result.kind === 'unanswerable');
  const steps = results.flatMap((result) => result.sourcesPerStep);
  const cited = results.reduce((sum, result) => sum + result.cited, 0);
  return {
    mode,
    questions: results.length,
    factRecall: mean(answerable.map((result) => result.factRecall)),
    declineAccuracy: mean(unanswerable.map((result) => (result.declined ? 1 : 0))),
    falseDeclines: mean(answerable.map((result) => (result.declined ? 1 : 0))),
    failed: results.filter((result) => result.failed).length,
    cutOff: results.filter((result) => result.cutOff !== null).length,
    stepsPerAnswer: mean(results.map((result) => result.steps)),
    sourcesPerStep: mean(steps),
    citedFromSteps: cited > 0 ? results.reduce((sum, result) => sum + result.citedFromSteps, 0) / cited : 0,
    promptTokens: results.reduce((sum, result) => sum + result.promptTokens, 0),
    completionTokens: results.reduce((sum, result) => sum + result.completionTokens, 0),
  };
}

/**
 * What a run will cost at most, before it starts: per question, the prompt (system prompt, five sources
 * of ~350 tokens, the question: ~2,200 tokens) and an answer (~300 tokens); agentic runs add up to
 * `steps` more calls, each re-reading the conversation plus ~1,750 tokens of new sources. `price` is per
 * million tokens.
 */
export function estimateCost(
  questions: number,
  modes: LlmMode[],
  steps: number,
  price?: number,
): { calls: number; tokens: number; cost: number | null } {
  let calls = 0;
  let tokens = 0;
  for (const mode of modes) {
    const rounds = mode === 'agentic' ? steps + 1 : 1;
    calls += questions * rounds;
    for (let round = 0; round < rounds; round++) tokens += questions * (2_200 + round * 2_050 + 300);
  }
  return { calls, tokens, cost: price === undefined ? null : (tokens * price) / 1e6 };
}
