import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamPart } from '@docent/protocol';
import { FakeOpenAI } from '@docent/test-support';
import { OpenAIGenerator, type OpenAIGeneratorOptions } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import type { ServerConfig } from '../src/http/server-config.js';
import type { QuestionEntry } from '../src/question-log/question-log.js';
import { readQuestionLog } from '../src/question-log/read-question-log.js';
import { fixtureStore } from './docs-fixture.js';
import { listen, readParts } from './stream-client.js';

type Part = StreamPart | 'DONE';

/**
 * The answer service over the fixture docs with a language model: the real `openai` SDK against the fake
 * OpenAI-compatible server, a JSONL question log, real HTTP. For the LLM tests.
 */
export async function llmApp(
  config: Partial<ServerConfig> = {},
  generatorOptions: Partial<OpenAIGeneratorOptions> = {},
) {
  const fixture = await fixtureStore();
  const llm = await new FakeOpenAI().start();
  const folder = await mkdtemp(join(tmpdir(), 'docent-llm-'));
  const logPath = join(folder, 'questions.jsonl');
  const lines: string[] = [];
  const generator = new OpenAIGenerator({
    model: 'fake-chat',
    baseURL: llm.url,
    apiKey: 'test',
    retryBaseDelayMs: 5,
    firstTokenTimeoutMs: 2000,
    log: (line) => lines.push(line),
    ...generatorOptions,
  });
  const app = createApp({
    store: fixture.store,
    generator,
    config: { rateLimit: null, answerTimeoutMs: 5000, ...config },
    questionLog: logPath,
    log: (line) => lines.push(line),
  });
  const server = await listen(app);
  return {
    llm,
    app,
    server,
    generator,
    /** What the service logged. */
    lines,
    /** The JSONL question log. */
    logPath,
    folder,
    async ask(body: unknown): Promise<Part[]> {
      return readParts(
        await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    },
    /** The question log's entries so far (the log is closed first: call once, at the end). */
    async logged(): Promise<QuestionEntry[]> {
      await app.questionLog!.close();
      const { entries } = await readQuestionLog(logPath);
      return entries.filter((entry): entry is QuestionEntry => entry.type === 'question');
    },
    async close() {
      await server.close();
      await app.questionLog?.close();
      await llm.stop();
      await fixture.cleanup();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The first part of a type. */
export function partOf<T extends StreamPart['type']>(
  parts: Part[],
  type: T,
): Extract<StreamPart, { type: T }> | undefined {
  return parts.find(
    (part): part is Extract<StreamPart, { type: T }> => part !== 'DONE' && part.type === type,
  );
}

/** The types of the parts, in order. */
export function partTypes(parts: Part[]): string[] {
  return parts.map((part) => (part === 'DONE' ? 'DONE' : part.type));
}
