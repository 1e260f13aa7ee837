import type { StreamPart } from '@docent/protocol';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerOptions, type ServerOptions } from '../src/server-options.js';
import { llmApp, partOf, partTypes } from './llm-app.js';
import { answerText, question } from './stream-client.js';

type Part = StreamPart | 'DONE';
const ofType = <T extends StreamPart['type']>(parts: Part[], type: T) =>
  parts.filter((part): part is Extract<StreamPart, { type: T }> => part !== 'DONE' && part.type === type);
const search = (query: string) => ({ name: 'search_docs', arguments: JSON.stringify({ query }) });
const ASK = question('How do I install the theme with npm, and how do I run the service?');

describe('agentic retrieval through the real openai SDK and the fake API', () => {
  let service: Awaited<ReturnType<typeof llmApp>>;
  beforeAll(async () => {
    // One source from the first search: whatever else the answer cites, a step had to find.
    service = await llmApp({ sourcesLimit: 1 });
  });
  afterAll(() => service.close());

  it('searches a second time, reaching a second page, streams the step, and cites what it found', async () => {
    const before = service.llm.chats.length;
    service.llm.script = [
      { toolCalls: [search('run the answer service with docker compose')] },
      { text: 'Install with npm [1]. Run it with docker compose up [2].' },
    ];
    const parts = await service.ask(ASK);
    const [first, second] = service.llm.chats.slice(before);
    expect(first!.body.tools).toEqual([
      expect.objectContaining({ function: expect.objectContaining({ name: 'search_docs' }) }),
      expect.objectContaining({ function: expect.objectContaining({ name: 'read_page' }) }),
    ]);
    expect(first!.body.tool_choice).toBe('auto');
    const toolMessage = second!.body.messages!.find((message) => message.role === 'tool')!;
    expect(String(toolMessage.content)).toMatch(/<source id="2" [^>]*url="\/docs\/deployment#docker">/);

    const types = partTypes(parts);
    expect(types.slice(0, 5)).toEqual([
      'start',
      'source-url',
      'tool-input-available',
      'tool-output-available',
      'source-url',
    ]);
    expect(partOf(parts, 'tool-input-available')).toMatchObject({
      toolName: 'search_docs',
      input: { query: 'run the answer service with docker compose' },
      dynamic: true,
    });
    expect(partOf(parts, 'tool-output-available')!.output.sources).toContainEqual({
      sourceId: 'source-2',
      url: '/docs/deployment#docker',
      title: 'Deployment › Docker',
    });
    expect(ofType(parts, 'source-url').map((part) => part.url)).toEqual([
      '/docs/install#with-npm',
      '/docs/deployment#docker',
    ]);
    expect(answerText(parts)).toBe('Install with npm [1]. Run it with docker compose up [2].');
    expect(partOf(parts, 'data-answer')!.data).toMatchObject({ steps: 1, declined: false });
    expect(partOf(parts, 'data-notice')).toBeUndefined();
  });

  it("does not show the model's words before a step as part of the answer", async () => {
    const before = service.llm.chats.length;
    service.llm.script = [
      { text: 'Let me search the docs for that. ', toolCalls: [search('docker compose')] },
      { text: 'Install with npm [1]. Run it with docker compose up [2].' },
    ];
    const parts = await service.ask(ASK);
    expect(answerText(parts)).toBe('Install with npm [1]. Run it with docker compose up [2].');
    // The model still reads its own words back with its call.
    const assistant = service.llm.chats[before + 1]!.body.messages!.find(
      (message) => message.role === 'assistant',
    );
    expect(assistant).toMatchObject({ content: 'Let me search the docs for that. ' });
  });

  it('is read by the AI SDK client: the step as a dynamic tool part with its output', async () => {
    service.llm.script = [
      { toolCalls: [{ name: 'read_page', arguments: '{"url":"/docs/install#with-yarn"}' }] },
      { text: 'Set shortcut to false [1]; with Yarn, run yarn add [2].' },
    ];
    const response = await fetch(`${service.server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        question('Can I turn off the shortcut that opens the chat, and install with Yarn?'),
      ),
    });
    const chunks = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(
      new TransformStream<string, UIMessageChunk>({
        transform(text, controller) {
          for (const event of text.split('\n\n')) {
            const data = event.replace(/^data: /, '').trim();
            if (data && data !== '[DONE]') controller.enqueue(JSON.parse(data));
          }
        },
      }),
    );
    let message: UIMessage | undefined;
    for await (const snapshot of readUIMessageStream({ stream: chunks })) message = snapshot;
    const step = message!.parts.find((part) => part.type === 'dynamic-tool');
    expect(step).toMatchObject({
      toolName: 'read_page',
      state: 'output-available',
      input: { url: '/docs/install#with-yarn' },
      output: {
        sources: [
          { sourceId: 'source-2', url: '/docs/install#with-yarn', title: 'Installation › With yarn' },
        ],
      },
    });
    expect(message!.parts.find((part) => part.type === 'text')).toMatchObject({
      text: 'Set shortcut to false [1]; with Yarn, run yarn add [2].',
    });
  });

  it('searches exactly as the MCP search_docs tool does (one implementation)', async () => {
    const client = new Client({ name: 'docent-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.server.url}/mcp`)));
    try {
      for (const query of ['docker compose non-root', 'yarn berry']) {
        const mcp = (await client.callTool({ name: 'search_docs', arguments: { query, limit: 1 } })) as {
          structuredContent: { results: { url: string }[] };
        };
        service.llm.script = [{ toolCalls: [search(query)] }, { text: 'Done [1].' }];
        const parts = await service.ask(question('How do I install the theme with npm?'));
        const found = partOf(parts, 'tool-output-available')!.output.sources.map((source) => source.url);
        expect(found).toEqual(
          mcp.structuredContent.results.map(
            (result) => new URL(result.url).pathname + new URL(result.url).hash,
          ),
        );
      }
    } finally {
      await client.close();
    }
  });

  it('removes a citation of a section no step returned, and a link to a page that is not a source', async () => {
    service.llm.script = [
      { text: 'Install with npm [1][4]. See [the server URL](/docs/configuration#server-url) [7].' },
    ];
    const parts = await service.ask(question('How do I install the theme with npm?'));
    expect(answerText(parts)).toBe('Install with npm [1]. See the server URL .');
  });

  it('gives an unknown tool and malformed arguments back to the model as errors, and still answers', async () => {
    const before = service.llm.chats.length;
    service.llm.script = [
      {
        toolCalls: [
          { name: 'delete_docs', arguments: '{}' },
          { name: 'search_docs', arguments: '{"query": "dock' },
        ],
      },
      { text: 'Install with npm [1].' },
    ];
    const parts = await service.ask(ASK);
    const errors = ofType(parts, 'tool-output-error').map((part) => part.errorText);
    expect(errors).toEqual([
      expect.stringMatching(/there is no tool "delete_docs"; use search_docs or read_page/),
      expect.stringMatching(/arguments of search_docs were not valid JSON/),
    ]);
    expect(ofType(parts, 'tool-input-available')[1]!.input).toBe('{"query": "dock');
    const tools = service.llm.chats[before + 1]!.body.messages!.filter((message) => message.role === 'tool');
    expect(tools.map((message) => String(message.content))).toEqual([
      expect.stringMatching(/^Error: there is no tool/),
      expect.stringMatching(/^Error: the arguments of search_docs were not valid JSON/),
    ]);
    expect(answerText(parts)).toBe('Install with npm [1].');
    expect(ofType(parts, 'source-url')).toHaveLength(1);
  });

  it('stops a model that keeps searching at the step limit, and says the answer was cut off', async () => {
    const before = service.llm.chats.length;
    service.llm.script = [1, 2, 3, 4].map((n) => ({ toolCalls: [search(`docker ${n}`)] }));
    const parts = await service.ask(ASK);
    const calls = service.llm.chats.slice(before);
    expect(calls).toHaveLength(4);
    expect(calls.map((call) => call.body.tool_choice)).toEqual(['auto', 'auto', 'auto', 'none']);
    expect(ofType(parts, 'tool-input-available')).toHaveLength(3);
    expect(partOf(parts, 'data-notice')!.data).toEqual({ kind: 'cut-off', reason: 'step-limit' });
    expect(partOf(parts, 'data-answer')!.data).toMatchObject({ steps: 3, cutOff: 'step-limit' });
    // The model wrote nothing: the reader gets the sections the steps found, quoted, not an empty answer.
    expect(answerText(parts)).toMatch(/^The model kept searching and did not write an answer\./);
    expect(answerText(parts)).toMatch(/\[\d+\]/);
    const logged = await service.logged();
    expect(logged.at(-1)).toMatchObject({
      cutOff: 'step-limit',
      usage: { steps: 3, calls: 4, model: 'fake-chat' },
    });
    expect(logged[0]!.sources).toContainEqual({ url: '/docs/deployment#docker', score: 0, step: true });
  });
});

describe('agentic retrieval: limits and models without tools', () => {
  it('stops an answer whose time limit passes mid-step, and stops the model', async () => {
    const service = await llmApp({ answerTimeoutMs: 1500 });
    try {
      service.llm.script = [{ toolCalls: [search('docker compose')] }, { hang: true }];
      const parts = await service.ask(ASK);
      expect(ofType(parts, 'tool-output-available')).toHaveLength(1);
      const final = parts.filter((part) => part !== 'DONE').at(-1);
      expect(final).toEqual({ type: 'error', errorText: expect.stringMatching(/longer than the 2 s limit/) });
      await expect.poll(() => service.llm.chats.at(-1)!.aborted).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('stops offering tools once two thirds of the answer time limit are gone, leaving time to answer', async () => {
    const service = await llmApp({ answerTimeoutMs: 2100 });
    try {
      service.llm.script = [
        { toolCalls: [search('docker')], firstByteDelayMs: 1500 },
        { text: 'Run it with docker compose up [2].' },
      ];
      const parts = await service.ask(ASK);
      expect(service.llm.chats.map((call) => call.body.tool_choice)).toEqual(['auto', 'none']);
      expect(answerText(parts)).toBe('Run it with docker compose up [2].');
    } finally {
      await service.close();
    }
  });

  it('stops offering tools once the token budget is spent', async () => {
    const service = await llmApp({ agenticTokenBudget: 100 });
    try {
      service.llm.script = [
        { toolCalls: [search('docker')], usage: { prompt_tokens: 90, completion_tokens: 20 } },
        { text: 'Run it with docker compose up [2].' },
      ];
      const parts = await service.ask(ASK);
      expect(service.llm.chats.map((call) => call.body.tool_choice)).toEqual(['auto', 'none']);
      expect(partOf(parts, 'data-notice')).toBeUndefined();
    } finally {
      await service.close();
    }
  });

  it('falls back to one search for a model that rejects tools, once, and remembers', async () => {
    const service = await llmApp();
    try {
      service.llm.rejectTools = true;
      service.llm.defaultScript = {
        text: 'Install with npm [1].',
        usage: { prompt_tokens: 321, completion_tokens: 7 },
      };
      const first = await service.ask(question('How do I install the theme with npm?'));
      expect(answerText(first)).toBe('Install with npm [1].');
      // The refused calls processed nothing: the usage is the one answered call's, as the API reported it.
      expect(partOf(first, 'data-answer')?.data.usage).toEqual({
        promptTokens: 321,
        completionTokens: 7,
      });
      // With tools (and again without stream_options, in case that was what the server refused), then without.
      expect(service.llm.chats.map((call) => Array.isArray(call.body.tools))).toEqual([true, true, false]);
      expect(service.lines).toContainEqual(expect.stringMatching(/fake-chat rejected tools \(400\)/));
      const second = await service.ask(question('How do I install the theme with npm?'));
      expect(answerText(second)).toBe('Install with npm [1].');
      expect(service.llm.chats.map((call) => Array.isArray(call.body.tools))).toEqual([
        true,
        true,
        false,
        false,
      ]);
      // stream_options was fine: the answers still ask for the API's usage.
      expect(service.llm.chats.at(-1)!.body.stream_options).toEqual({ include_usage: true });
    } finally {
      await service.close();
    }
  });

  it('keeps offering tools after a 400 that is not about tools (a question the model refused)', async () => {
    const service = await llmApp();
    try {
      // Refused twice: with stream_options, and again without it.
      service.llm.script = [{ status: 400 }, { status: 400 }];
      service.llm.defaultScript = { text: 'Install with npm [1].' };
      const failed = await service.ask(question('How do I install the theme with npm?'));
      expect(ofType(failed, 'error')).toHaveLength(1);
      const next = await service.ask(question('How do I install the theme with npm?'));
      expect(answerText(next)).toBe('Install with npm [1].');
      expect(Array.isArray(service.llm.chats.at(-1)!.body.tools)).toBe(true);
      expect(service.lines).not.toContainEqual(expect.stringMatching(/rejected tools/));
    } finally {
      await service.close();
    }
  });

  it('offers no tools when agentic retrieval is off (--agentic-steps 0)', async () => {
    const service = await llmApp({ agenticSteps: 0 });
    try {
      service.llm.script = [{ text: 'Install with npm [1].' }];
      await service.ask(question('How do I install the theme with npm?'));
      expect(service.llm.chats[0]!.body.tools).toBeUndefined();
    } finally {
      await service.close();
    }
  });

  it('reads --agentic-steps and --agentic-token-budget, and says what to write when they are wrong', () => {
    const config = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      (parseServerOptions(argv, env) as ServerOptions).config;
    expect(config([])).toMatchObject({ agenticSteps: 3, agenticTokenBudget: 30_000 });
    expect(config(['--agentic-steps', '0']).agenticSteps).toBe(0);
    expect(config([], { DOCENT_AGENTIC_STEPS: '5', DOCENT_AGENTIC_TOKEN_BUDGET: '8000' })).toMatchObject({
      agenticSteps: 5,
      agenticTokenBudget: 8000,
    });
    expect(() => config(['--agentic-steps', 'many'])).toThrow(
      /--agentic-steps must be a number from 0 to 10 \(0 turns agentic retrieval off\), not "many"/,
    );
    expect(() => config(['--agentic-token-budget', '0'])).toThrow(
      /must be a number of at least 1000, not "0"/,
    );
  });
});
