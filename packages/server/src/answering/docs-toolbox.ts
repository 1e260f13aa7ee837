import type { Chunk } from '@docent/protocol';
import { redactUrls, type SearchFilter } from '@docent/retrieval';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { readSections, searchSections } from './docs-tools.js';
import type { DocsToolbox, ToolRun } from './generator.js';
import type { AnswerDependencies } from './prepare-answer.js';

/** Longest text of one `read_page` step the model gets, in characters (whole sections, in page order). */
const MAX_READ_CHARACTERS = 12_000;

/** The tools the answer's model is offered (Chat Completions `tools`): Docent's own `search_docs` and `read_page`. */
export const DOCS_TOOL_DEFINITIONS: ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search_docs',
      description:
        'Searches this documentation again, with other words or for another part of the question. Returns numbered sections you may cite.',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look for, in the docs\u2019 words.' } },
        required: ['query'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'read_page',
      description:
        'Reads a page (or, with #anchor, one section and its subsections) by the URL of a source. Returns numbered sections you may cite.',
      parameters: {
        type: 'object',
        properties: { url: { type: 'string', description: 'A source URL, e.g. /docs/intro#setup.' } },
        required: ['url'],
        additionalProperties: false,
      },
    },
  },
];

/**
 * The docs tools for one answer's model, in-process: the same functions as the MCP tools, held to the
 * request's locale and version (`scope`), bounded by `--agentic-steps`, `--agentic-token-budget` and two thirds of the answer's time limit. A bad
 * call (unknown tool, arguments that are not JSON or lack a field) is an error the model reads, never a throw.
 */
export function docsToolbox(
  answers: AnswerDependencies,
  scope: SearchFilter,
  startedAt = Date.now(),
): DocsToolbox {
  const { config } = answers;
  const searchInput = z.object({ query: z.string().trim().min(1).max(config.maxQuestionLength) });
  const readInput = z.object({ url: z.string().trim().min(1).max(2000) });
  const failed = (input: unknown, error: string): ToolRun => ({
    input,
    sections: [],
    output: `Error: ${error}`,
    error,
    retrievalMs: 0,
  });
  return {
    maxSteps: config.agenticSteps,
    tokenBudget: config.agenticTokenBudget,
    // Steps may use the first two thirds of the answer's time limit; the last third is for the answer.
    stepsUntil: startedAt + (config.answerTimeoutMs * 2) / 3,
    async run(name, rawArguments, signal) {
      let input: unknown;
      try {
        input = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
      } catch {
        return failed(
          rawArguments.slice(0, 200),
          `the arguments of ${name} were not valid JSON; send ${name === 'read_page' ? '{"url": "..."}' : '{"query": "..."}'}.`,
        );
      }
      const started = performance.now();
      try {
        if (name === 'search_docs') {
          const parsed = searchInput.safeParse(input);
          if (!parsed.success) return failed(input, 'search_docs needs {"query": "<words to look for>"}.');
          const { hits } = await searchSections(
            answers,
            {
              query: parsed.data.query,
              locale: scope.locale,
              version: scope.version,
              limit: config.sourcesLimit,
            },
            signal,
          );
          const sections = hits.map((hit) => hit.chunk);
          return { input, sections, output: '', retrievalMs: performance.now() - started };
        }
        if (name === 'read_page') {
          const parsed = readInput.safeParse(input);
          if (!parsed.success) return failed(input, 'read_page needs {"url": "<a source URL>"}.');
          const page = await readSections(answers, parsed.data.url, scope);
          if ('error' in page)
            return { ...failed(input, page.error), retrievalMs: performance.now() - started };
          return {
            input,
            sections: within(page.chunks),
            output: '',
            retrievalMs: performance.now() - started,
          };
        }
      } catch (error) {
        if (signal.aborted) throw error;
        return failed(input, `the docs could not be searched: ${redactUrls((error as Error).message)}`);
      }
      return failed(input, `there is no tool "${name.slice(0, 100)}"; use search_docs or read_page.`);
    },
  };
}

/** Whole sections from the first, up to `MAX_READ_CHARACTERS` (at least one). */
function within(chunks: Chunk[]): Chunk[] {
  let total = 0;
  return chunks.filter((chunk, index) => {
    total += chunk.text.length;
    return index === 0 || total <= MAX_READ_CHARACTERS;
  });
}
