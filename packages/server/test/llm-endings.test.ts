import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmApp, partOf, partTypes } from './llm-app.js';
import { answerText, question } from './stream-client.js';

const LIST = '1. Install the theme [1].\n2. Add it to themes in';

describe('honest endings and visible usage (real openai SDK, fake API)', () => {
  let service: Awaited<ReturnType<typeof llmApp>>;
  beforeAll(async () => {
    service = await llmApp({ maxAnswerCharacters: 300, agenticSteps: 0 });
  });
  afterAll(() => service.close());

  it('says an answer the model stopped at its output limit was cut off (finish_reason "length")', async () => {
    service.llm.script = [{ text: LIST, finishReason: 'length' }];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(answerText(parts)).toBe(LIST);
    expect(partOf(parts, 'data-notice')).toEqual({
      type: 'data-notice',
      data: { kind: 'cut-off', reason: 'length' },
    });
    expect(partOf(parts, 'data-answer')!.data).toMatchObject({ cutOff: 'length', declined: false });
    expect(partOf(parts, 'finish')!.messageMetadata).toMatchObject({ cutOff: 'length' });
    expect(partTypes(parts).slice(-5)).toEqual(['text-end', 'data-notice', 'data-answer', 'finish', 'DONE']);
  });

  it('says so when the stream ends without any finish reason', async () => {
    service.llm.script = [{ text: LIST, finishReason: null }];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(answerText(parts)).toBe(LIST);
    expect(partOf(parts, 'data-notice')!.data).toEqual({ kind: 'cut-off', reason: 'no-finish' });
    expect(partOf(parts, 'data-answer')!.data.cutOff).toBe('no-finish');
  });

  it("says so when Docent's own length bound cuts the answer", async () => {
    service.llm.script = [{ text: 'Install it with npm [1]. '.repeat(40) }];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(answerText(parts)).toHaveLength(300);
    expect(partOf(parts, 'data-notice')!.data).toEqual({ kind: 'cut-off', reason: 'answer-bound' });
  });

  it('sends no notice for an answer the model finished', async () => {
    service.llm.script = [{ text: 'Run npm install @docent/docusaurus-theme [1].' }];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(partOf(parts, 'data-notice')).toBeUndefined();
    expect(partOf(parts, 'data-answer')!.data.cutOff).toBeUndefined();
  });

  it("reports the model, the API's token usage and the model's time in the stream, the log and /metrics", async () => {
    service.llm.script = [
      { text: 'Run npm install [1].', usage: { prompt_tokens: 1234, completion_tokens: 56 } },
    ];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(service.llm.chats.at(-1)!.body.stream_options).toEqual({ include_usage: true });
    expect(partOf(parts, 'data-answer')!.data).toMatchObject({
      model: 'fake-chat',
      usage: { promptTokens: 1234, completionTokens: 56 },
      steps: 0,
    });
    const metrics = await (await fetch(`${service.server.url}/metrics`)).text();
    expect(metrics).toMatch(/docent_llm_tokens_total\{model="fake-chat",kind="prompt"\} \d{4,}/);
    expect(metrics).toMatch(/docent_llm_duration_seconds_count\{model="fake-chat"\} [1-9]/);
    expect(metrics).toMatch(/docent_errors_total\{type="answer:cut-off:length"\} 1/);

    const logged = await service.logged();
    expect(logged.map((entry) => entry.cutOff)).toEqual([
      'length',
      'no-finish',
      'answer-bound',
      undefined,
      undefined,
    ]);
    expect(logged.at(-1)!.usage).toEqual({
      model: 'fake-chat',
      promptTokens: 1234,
      completionTokens: 56,
      reported: true,
      calls: 1,
      steps: 0,
      modelMs: expect.any(Number),
      retrievalMs: expect.any(Number),
    });
  });

  it('asks a server that refuses stream_options again without it, remembers, and estimates usage', async () => {
    const other = await llmApp({ agenticSteps: 0 });
    try {
      other.llm.rejectStreamOptions = true;
      other.llm.defaultScript = { text: 'Run npm install [1].' };
      const first = await other.ask(question('How do I install the theme with npm?'));
      expect(answerText(first)).toBe('Run npm install [1].');
      expect(partOf(first, 'data-answer')!.data.usage!.promptTokens).toBeGreaterThan(0);
      await other.ask(question('How do I install the theme with npm?'));
      expect(other.llm.chats.map((chat) => chat.body.stream_options !== undefined)).toEqual([
        true,
        false,
        false,
      ]);
      expect(other.lines).toContainEqual(expect.stringMatching(/refused stream_options \(400\)/));
      const logged = await other.logged();
      expect(logged.at(-1)!.usage).toMatchObject({ reported: false });
    } finally {
      await other.close();
    }
  });

  it('docent-report shows tokens per day, and their cost when the owner gives prices', async () => {
    const out = join(service.folder, 'report');
    const run = spawnSync(
      'pnpm',
      [
        'run',
        'report',
        '--',
        '--from',
        service.logPath,
        '--out',
        out,
        '--price-per-million-tokens',
        '2',
        '--completion-price-per-million-tokens',
        '8',
      ],
      {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.usagePerDay).toHaveLength(1);
    const [day] = report.usagePerDay;
    // Five LLM answers: the last one's usage came from the API (1234 + 56), the others' too (estimated by the fake).
    expect(day).toMatchObject({ answers: 5, cutOff: 3, steps: 0 });
    expect(day.promptTokens).toBeGreaterThan(1234);
    expect(day.cost).toBeCloseTo((day.promptTokens * 2 + day.completionTokens * 8) / 1e6, 4);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Language model usage per day');
    expect(html).toContain(day.cost.toFixed(4));

    const bad = spawnSync(
      'pnpm',
      ['run', 'report', '--', '--from', service.logPath, '--out', out, '--price-per-million-tokens', 'cheap'],
      {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/a number of 0 or more, such as 0\.15/);
  }, 120_000);
});
