import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRewrite } from '../src/answering/prompt.js';
import { llmApp, partOf } from './llm-app.js';

describe("a follow-up in the reader's words and in the docs' words (real openai SDK, fake API)", () => {
  let service: Awaited<ReturnType<typeof llmApp>>;
  beforeAll(async () => {
    service = await llmApp({ agenticSteps: 0 });
  });
  afterAll(() => service.close());

  const followUp = (text: string) => ({
    messages: [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'How do I set up the chat widget?' }] },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text }] },
    ],
  });
  const sourcesOf = (parts: Awaited<ReturnType<typeof service.ask>>) =>
    parts.flatMap((part) => (part !== 'DONE' && part.type === 'source-url' ? [part.url] : []));

  it("searches the docs' words too and fuses both searches: a paraphrase reaches the page", async () => {
    service.llm.script = [
      {
        text: '1. Can the assistant live in a box of its own?\n2. docker compose image',
        usage: { prompt_tokens: 90, completion_tokens: 14 },
      },
      { text: 'Run it with docker compose up [1].', usage: { prompt_tokens: 800, completion_tokens: 9 } },
    ];
    const parts = await service.ask(followUp('Can it live in a box of its own?'));
    // The rewrite is a model call of this answer: its tokens are in the answer's usage.
    expect(partOf(parts, 'data-answer')?.data.usage).toEqual({ promptTokens: 890, completionTokens: 23 });
    const rewrite = service.llm.chats.at(-2)!.body;
    expect(rewrite.stream).not.toBe(true);
    expect(String(rewrite.messages![0]!.content)).toMatch(/documentation's own vocabulary/);
    expect(sourcesOf(parts)).toContain('/docs/deployment#docker');
  });

  it('searches only the standalone question when the model writes one line', async () => {
    service.llm.script = [
      { text: 'Can the assistant live in a box of its own?' },
      { text: 'The docs do not say [1].' },
    ];
    const parts = await service.ask(followUp('Can it live in a box of its own?'));
    expect(sourcesOf(parts)).not.toContain('/docs/deployment#docker');
  });

  it('counts a failed rewrite only when the model may have worked on it (a 5xx, not a 4xx)', async () => {
    const answer = { text: 'The docs do not say [1].', usage: { prompt_tokens: 800, completion_tokens: 9 } };
    service.llm.script = [{ status: 400 }, answer];
    const refused = await service.ask(followUp('How do I run the service with docker compose?'));
    expect(partOf(refused, 'data-answer')?.data.usage).toEqual({ promptTokens: 800, completionTokens: 9 });
    service.llm.script = [{ status: 500 }, answer];
    const failed = await service.ask(followUp('How do I run the service with docker compose?'));
    const usage = partOf(failed, 'data-answer')?.data.usage;
    // The rewrite's prompt, estimated at 4 characters a token, on top of the answer's reported usage.
    expect(usage?.promptTokens).toBeGreaterThan(800 + 50);
    expect(usage?.completionTokens).toBe(9);
  });

  it('reads the two lines of a rewrite, numbered or not', () => {
    expect(readRewrite('1. How do I stop it?\n2) shortcut false')).toEqual({
      standalone: 'How do I stop it?',
      docsQuery: 'shortcut false',
    });
    expect(readRewrite('"How do I stop it?"')).toEqual({ standalone: 'How do I stop it?', docsQuery: null });
    expect(readRewrite('Same\nsame')).toEqual({ standalone: 'Same', docsQuery: null });
  });
});
