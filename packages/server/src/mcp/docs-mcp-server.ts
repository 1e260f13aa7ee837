import { randomUUID } from 'node:crypto';
import { type Chunk, siteLink } from '@docent/protocol';
import { pagePath, redactUrls, StoreError } from '@docent/retrieval';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { answerParts } from '../answering/answer-stream.js';
import { readSections, searchSections } from '../answering/docs-tools.js';
import { type AnswerDependencies, prepareAnswer } from '../answering/prepare-answer.js';
import { DocentError } from '../http/docent-error.js';
import { type QuestionLog, questionEntry } from '../question-log/question-log.js';

export type DocsMcpContext = {
  answers: AnswerDependencies;
  questionLog: QuestionLog | null;
  /** The docs site's origin for absolute links (`--site-url`, else the index's, else this request's). */
  siteUrl: string;
  /** The request's signal: a client that hangs up stops the work. */
  signal: AbortSignal;
};

/** Longest page text `read_page` returns; longer pages are cut with a note saying so. */
const MAX_PAGE_CHARACTERS = 200_000;
const SERVER_VERSION = '0.1.0';
/** Why an answer was cut off, in words (the widget says the same through its translations). */
const CUT_OFF_WORDS: Record<string, string> = {
  length: 'the language model reached its output limit',
  'no-finish': "the language model's stream ended before the answer was finished",
  'content-filter': "the language model's content filter stopped it",
  'answer-bound': "it reached the service's length limit",
  'step-limit': 'the model searched as often as it may without answering',
};

type ToolResult = {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

function failure(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** A tool body with Docent's errors (unknown version, empty index, too long) turned into tool errors. */
async function guarded(run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DocentError) return failure(error.message);
    if (error instanceof StoreError) return failure(redactUrls(error.message));
    throw error;
  }
}

/** What a result shows instead of a URL that would leave the site (`slug: '\\evil.example/reset'`). */
const NO_LINK = '(no link: the URL of this page is not on the site)';

/** A chunk's URL on the site, through the one link policy (`siteLink`). */
function absolute(url: string, siteUrl: string): string {
  return siteLink(url, siteUrl) ?? NO_LINK;
}

/** A chunk's text without the breadcrumb line the indexer puts first. */
function body(chunk: Chunk): string {
  const breadcrumb = chunk.headings.join(' > ');
  return chunk.text.startsWith(breadcrumb) ? chunk.text.slice(breadcrumb.length).trimStart() : chunk.text;
}

function question(text: string, context: { version?: string | undefined; locale?: string | undefined }) {
  return {
    messages: [{ role: 'user' as const, parts: [{ type: 'text', text }] }],
    context: {
      ...(context.locale ? { locale: context.locale } : {}),
      ...(context.version ? { version: context.version } : {}),
    },
  };
}

/** A page (or one section of it, with its subsections) as markdown, from its chunks in page order. */
function pageText(selected: Chunk[], anchor: string | null, siteUrl: string): string {
  const first = selected[0]!;
  const lines = [
    `# ${first.title}`,
    '',
    `Source: ${absolute(anchor ? first.url : pagePath(first.url), siteUrl)}`,
  ];
  let previous = '';
  for (const chunk of selected) {
    const headingPath = chunk.headings.join('\n');
    if (headingPath !== previous && chunk.headings.length > 1) {
      lines.push('', `${'#'.repeat(Math.min(chunk.headings.length, 6))} ${chunk.headings.at(-1)}`);
    }
    previous = headingPath;
    lines.push('', body(chunk));
  }
  const text = lines.join('\n');
  return text.length > MAX_PAGE_CHARACTERS
    ? `${text.slice(0, MAX_PAGE_CHARACTERS)}\n\n[Cut at ${MAX_PAGE_CHARACTERS} characters: read a section by its #anchor for the rest.]`
    : text;
}

/**
 * The docs as an MCP server with three read-only tools over the same index, bounds and answer pipeline as
 * `/api/chat`: `search_docs` (sections with title, breadcrumb, `page#anchor` URL and text), `read_page` (a
 * page or section by URL, as markdown) and `ask_docs` (a cited answer, or a decline with the nearest pages).
 */
export function docsMcpServer(context: DocsMcpContext): McpServer {
  const { answers, siteUrl, signal } = context;
  const { config } = answers;
  const server = new McpServer(
    { name: 'docent', title: 'Docent docs', version: SERVER_VERSION },
    {
      instructions:
        'Search and read this documentation. search_docs finds sections; read_page reads a page or section by its URL; ask_docs answers a question from the docs with citations, or says the docs do not cover it.',
    },
  );
  const locale = z.string().max(35).optional().describe('Docs locale, e.g. "en" (default: the site\'s).');
  const version = z
    .string()
    .max(100)
    .optional()
    .describe('Docs version, e.g. "current" or "0.1" (default: the version readers get at the docs root).');

  server.registerTool(
    'search_docs',
    {
      title: 'Search the docs',
      description:
        'Finds the documentation sections that match a question or keywords. Returns each section with its page title, breadcrumb, URL (page#anchor) and text, best first.',
      inputSchema: {
        query: z.string().min(1).max(config.maxQuestionLength).describe('What to look for, in plain words.'),
        version,
        locale,
        limit: z.number().int().min(1).max(20).optional().describe('How many sections (1-20, default 5).'),
      },
      outputSchema: {
        results: z.array(
          z.object({
            title: z.string(),
            breadcrumb: z.string(),
            url: z.string(),
            text: z.string(),
            score: z.number(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const { hits } = await searchSections(answers, { ...input, limit: input.limit ?? 5 }, signal);
        const results = hits.map((hit) => ({
          title: hit.chunk.title,
          breadcrumb: hit.chunk.headings.join(' › '),
          url: absolute(hit.chunk.url, siteUrl),
          text: body(hit.chunk),
          score: Math.round(hit.score * 1000) / 1000,
        }));
        const text =
          results.length === 0
            ? `Nothing in the docs matches "${input.query}". Try other words.`
            : results
                .map(
                  (result, index) =>
                    `## ${index + 1}. ${result.breadcrumb}\n\nURL: ${result.url}\n\n${result.text}`,
                )
                .join('\n\n');
        return { content: [{ type: 'text', text }], structuredContent: { results } };
      }),
  );

  server.registerTool(
    'read_page',
    {
      title: 'Read a docs page',
      description:
        'Reads one documentation page as markdown, by the URL search_docs gave (or any page URL of the site). With a #anchor, reads only that section and its subsections.',
      inputSchema: {
        url: z
          .string()
          .min(1)
          .max(2000)
          .describe('The page URL or path, e.g. https://docs.example.com/docs/intro#setup.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const page = await readSections(answers, input.url);
        if ('error' in page) return failure(page.error);
        return { content: [{ type: 'text', text: pageText(page.chunks, page.anchor, siteUrl) }] };
      }),
  );

  server.registerTool(
    'ask_docs',
    {
      title: 'Ask the docs',
      description:
        'Answers a question from the documentation, citing the sections it used as [n] with their URLs. When the docs do not cover the question it says so and lists the nearest pages instead of guessing.',
      inputSchema: {
        question: z.string().min(1).max(config.maxQuestionLength).describe('The question, in plain words.'),
        version,
        locale,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const started = performance.now();
        const prepared = await prepareAnswer(question(input.question, input), answers, signal);
        const answerId = randomUUID();
        let text = '';
        let error: string | null = null;
        let declined = prepared.declined;
        let cutOff: string | undefined;
        let sourcesSeen = prepared.sources;
        const run = answerParts(prepared, answers, {
          signal,
          requestStarted: started,
          answerId,
          onDone: (outcome, result) => {
            sourcesSeen = [...result.sources];
            context.questionLog?.record(
              questionEntry(prepared, { answerId, page: null, channel: 'mcp' }, outcome, result),
            );
          },
        });
        for await (const part of run.parts) {
          if (part.type === 'text-delta') text += part.delta;
          if (part.type === 'error') error = part.errorText;
          if (part.type === 'data-answer') declined = part.data.declined;
          if (part.type === 'data-notice') cutOff = part.data.reason;
        }
        if (error) return failure(error);
        const notice = cutOff ? `\n\n(The answer was cut off: ${CUT_OFF_WORDS[cutOff] ?? cutOff}.)` : '';
        const sources = sourcesSeen
          .map(
            (source, index) =>
              `[${index + 1}] ${source.headings.join(' › ')}: ${absolute(source.url, siteUrl)}`,
          )
          .join('\n');
        const answer = declined ? text.trim() + notice : `${text.trim()}${notice}\n\nSources:\n${sources}`;
        return { content: [{ type: 'text', text: answer }] };
      }),
  );
  return server;
}
