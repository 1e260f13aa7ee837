import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ChatBody, type ChatScript, FakeOpenAI } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCorpus } from '../eval/src/eval-corpora.js';
import { runLlmEvaluation, summarizeLlm } from '../eval/src/llm-evaluation.js';
import { readQuestions } from '../eval/src/read-questions.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

/** The text of the first `<source>` the model was given (its body, after the breadcrumb line). */
function firstSource(body: ChatBody): string {
  const all = (body.messages ?? []).map((message) => String(message.content ?? '')).join('\n');
  return /<source id="\d+"[^>]*>\n([\s\S]*?)\n<\/source>/.exec(all)?.[1]?.slice(0, 400) ?? '';
}

/** The highest source number the model was given (a step's sources come last). */
function lastSourceNumber(body: ChatBody): number {
  const all = (body.messages ?? []).map((message) => String(message.content ?? '')).join('\n');
  return Math.max(0, ...[...all.matchAll(/<source id="(\d+)"/g)].map((match) => Number(match[1])));
}

/** A model that searches once with the question's words, then quotes what it was given, citing it. */
function searchingModel(body: ChatBody): ChatScript {
  if (body.stream !== true) return { text: 'the question' };
  const searched = (body.messages ?? []).some((message) => message.role === 'tool');
  if (Array.isArray(body.tools) && body.tool_choice === 'auto' && !searched) {
    const asked = /Question: ([^\n]*)$/.exec(String(body.messages!.at(-1)!.content))?.[1] ?? 'docs';
    return { toolCalls: [{ name: 'search_docs', arguments: JSON.stringify({ query: asked }) }] };
  }
  return { text: `${firstSource(body)} [1][${lastSourceNumber(body)}]` };
}

describe('the eval with a language model (fake OpenAI-compatible API)', { timeout: 120_000 }, () => {
  let llm: FakeOpenAI;
  const corpus = evalCorpus('hono');
  let questions: Awaited<ReturnType<typeof readQuestions>>;
  beforeAll(async () => {
    llm = await new FakeOpenAI().start();
    questions = (await readQuestions(corpus.questions)).slice(0, 6);
  });
  afterAll(() => llm.stop());
  const settings = () => ({ baseURL: llm.url, model: 'fake', apiKey: 'test' });

  it('scores single and agentic runs: facts, steps, sources per step, citations from steps, tokens', async () => {
    llm.responder = searchingModel;
    const single = summarizeLlm(
      'single',
      await runLlmEvaluation({ corpus, questions, llm: settings(), mode: 'single', concurrency: 3 }),
    );
    const agentic = summarizeLlm(
      'agentic',
      await runLlmEvaluation({ corpus, questions, llm: settings(), mode: 'agentic', concurrency: 3 }),
    );
    expect(single).toMatchObject({ questions: 6, stepsPerAnswer: 0, failed: 0, cutOff: 0 });
    expect(single.factRecall).toBeGreaterThan(0);
    expect(agentic.failed).toBe(0);
    expect(agentic.stepsPerAnswer).toBeGreaterThan(0);
    expect(agentic.sourcesPerStep).toBeGreaterThan(0);
    expect(agentic.citedFromSteps).toBeGreaterThan(0);
    expect(agentic.promptTokens).toBeGreaterThan(single.promptTokens);
  });

  it('counts a model that loops as cut off at the step limit, and an unknown tool as a step that found nothing', async () => {
    llm.responder = (body) =>
      body.stream === true
        ? { toolCalls: [{ name: 'search_docs', arguments: '{"query":"hono"}' }] }
        : { text: 'x' };
    const loops = await runLlmEvaluation({
      corpus,
      questions,
      llm: settings(),
      mode: 'agentic',
      concurrency: 2,
      agenticSteps: 2,
    });
    // Every question the model was asked (not declined by retrieval first) ends at the step limit.
    const modelled = loops.filter((result) => !result.declined || result.steps > 0);
    expect(modelled.length).toBeGreaterThan(0);
    for (const result of modelled)
      expect(result).toMatchObject({ steps: 2, cutOff: 'step-limit', failed: false });
    expect(summarizeLlm('agentic', loops).cutOff).toBe(modelled.length);

    llm.responder = (body) => {
      if (body.stream !== true) return { text: 'x' };
      const searched = (body.messages ?? []).some((message) => message.role === 'tool');
      return searched
        ? { text: 'Quoted [1] and [99].' }
        : { toolCalls: [{ name: 'delete_docs', arguments: '{}' }] };
    };
    const results = await runLlmEvaluation({
      corpus,
      questions,
      llm: settings(),
      mode: 'agentic',
      concurrency: 2,
    });
    const asked = results.filter((result) => result.steps > 0);
    expect(asked.length).toBeGreaterThan(0);
    for (const result of asked) {
      expect(result.sourcesPerStep).toEqual([0]);
      // [99] names no section any step returned: the answer lost it, only [1] is counted.
      expect(result.cited).toBe(1);
      expect(result.citedFromSteps).toBe(0);
    }
  });

  it('runs from the command line, printing the estimate before the table', async () => {
    llm.responder = searchingModel;
    const { stdout } = await run(
      'bash',
      [
        '-c',
        `pnpm run eval -- --corpus hono --limit 3 --llm-base-url ${llm.url} --llm-model fake --concurrency 2 --price-per-million-tokens 0.5`,
      ],
      { cwd: root, env: { ...process.env, NO_UPDATE_NOTIFIER: '1', OPENAI_API_KEY: 'test' } },
    );
    const estimate = stdout.indexOf('LLM eval with fake: 3 questions x single + agentic, 2 at a time');
    expect(estimate).toBeGreaterThanOrEqual(0);
    expect(stdout).toMatch(/about \d+\.\d\d at 0\.5 per million tokens/);
    expect(stdout.indexOf('hono       single')).toBeGreaterThan(estimate);
    expect(stdout).toMatch(/hono\s+agentic\s+3 /);
  });
});
