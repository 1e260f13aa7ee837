import { randomUUID } from 'node:crypto';
import {
  type ChatRequest,
  type Chunk,
  encodeStreamPart,
  STREAM_DONE,
  type StreamPart,
} from '@docent/protocol';
import { type Embedder, pagePath, type SearchHit, type Store, StoreError } from '@docent/retrieval';
import { CitationFilter } from './citation-filter.js';
import { type Conversation, readConversation } from './conversation.js';
import { DocentError } from './docent-error.js';
import { GenerationError, type Generator } from './generator.js';
import { linkedAbort } from './linked-abort.js';
import type { MessageSigner } from './message-signer.js';
import type { Metrics } from './metrics.js';
import { resolveFilter } from './resolve-filter.js';
import { retrievalQuery } from './retrieval-query.js';
import type { ServerConfig } from './server-config.js';

export type AnswerDependencies = {
  store: Store;
  embedder: Embedder | null;
  generator: Generator;
  signer: MessageSigner;
  metrics: Metrics;
  config: ServerConfig;
  log: (line: string) => void;
};

export type PreparedAnswer = {
  conversation: Conversation;
  sources: Chunk[];
  declined: boolean;
  topScore: number;
};

export type Retrieval = { conversation: Conversation; hits: SearchHit[]; query: string };

/**
 * What the service searches for a chat request: the conversation read and checked, the follow-up resolved,
 * the question embedded when an embedder is configured, and the ranked hits in the reader's locale and
 * version. The evaluation harness calls this too, so it measures exactly what readers get.
 */
export async function retrieve(
  request: ChatRequest,
  dependencies: AnswerDependencies,
  signal: AbortSignal,
): Promise<Retrieval> {
  const { store, embedder, generator, config, metrics } = dependencies;
  const conversation = readConversation(request, dependencies.signer, config);
  const started = performance.now();
  try {
    const stats = await store.stats();
    if (stats.chunks === 0) {
      throw new DocentError(
        'store:not-ready',
        'The docs index is empty or not loaded yet. Run the indexer, then ask again.',
      );
    }
    const filter = resolveFilter(request.context, stats, config);
    const context = request.context ?? {};
    const query =
      generator.rewrite && conversation.history.length > 0
        ? `${await generator.rewrite(conversation.question, conversation.history, signal)}\n${context.selection ?? ''}`
        : retrievalQuery(conversation.question, conversation.history, context.selection);
    let vector: number[] | undefined;
    if (embedder) {
      try {
        [vector] = await embedder.embed([query], 'query', signal);
      } catch (error) {
        dependencies.log(
          `embedding the question failed, searching lexically only: ${(error as Error).message}`,
        );
        metrics.errors.inc({ type: 'embedder:failed' });
      }
    }
    const hits = await store.search({
      text: query,
      ...(vector ? { vector } : {}),
      filter,
      limit: config.sourcesLimit * 2,
      ...(context.path ? { boostPath: context.path } : {}),
    });
    return { conversation, hits, query };
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store:unavailable') {
      throw new DocentError(
        'store:unavailable',
        `${error.message} The assistant cannot search the docs right now; try again shortly.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  } finally {
    metrics.retrievalSeconds.observe((performance.now() - started) / 1000);
  }
}

/** Everything that can fail with an HTTP status happens here, before the stream starts. */
export async function prepareAnswer(
  request: ChatRequest,
  dependencies: AnswerDependencies,
  signal: AbortSignal,
): Promise<PreparedAnswer> {
  const { conversation, hits } = await retrieve(request, dependencies, signal);
  const topScore = hits[0]?.coverage ?? 0;
  const declined = topScore < dependencies.config.declineThreshold;
  const sources = declined
    ? nearestPages(hits, 3)
    : distinctUrls(hits).slice(0, dependencies.config.sourcesLimit);
  return { conversation, sources, declined, topScore };
}

function distinctUrls(hits: SearchHit[]): Chunk[] {
  const seen = new Set<string>();
  return hits.map((hit) => hit.chunk).filter((chunk) => !seen.has(chunk.url) && seen.add(chunk.url));
}

function nearestPages(hits: SearchHit[], count: number): Chunk[] {
  const seen = new Set<string>();
  return hits
    .map((hit) => hit.chunk)
    .filter((chunk) => !seen.has(pagePath(chunk.url)) && seen.add(pagePath(chunk.url)))
    .slice(0, count);
}

export function declineText(sources: Chunk[]): string {
  if (sources.length === 0)
    return 'The docs do not seem to cover this, and no page comes close. Try other words, or browse the docs.';
  const links = sources.map(
    (source, index) => `- [${source.headings.join(' › ')}](${source.url}) [${index + 1}]`,
  );
  return `The docs do not seem to cover this. These pages are the closest:\n\n${links.join('\n')}`;
}

/** The answer as an AI SDK UI message stream (SSE text), sources first. */
export function answerStream(
  prepared: PreparedAnswer,
  dependencies: AnswerDependencies,
  options: { signal: AbortSignal; requestStarted: number; onDone: (outcome: string) => void },
): ReadableStream<Uint8Array> {
  const { generator, metrics, signer } = dependencies;
  const abort = linkedAbort([options.signal], dependencies.config.answerTimeoutMs);
  const signal = abort.signal;
  const sourceUrls = new Set(prepared.sources.map((source) => source.url));
  const sourcePages = new Set(prepared.sources.map((source) => pagePath(source.url)));
  const filter = new CitationFilter(
    prepared.sources.length,
    (url) => sourceUrls.has(url) || sourcePages.has(pagePath(url)),
  );
  const mode = prepared.declined ? 'extractive' : generator.mode;

  async function* parts(): AsyncGenerator<StreamPart> {
    yield { type: 'start', messageId: randomUUID() };
    for (const [index, source] of prepared.sources.entries()) {
      yield {
        type: 'source-url',
        sourceId: `source-${index + 1}`,
        url: source.url,
        title: source.headings.join(' › '),
      };
    }
    const textId = 'text-1';
    let text = '';
    let started = false;
    const emit = function* (delta: string): Iterable<StreamPart> {
      if (!delta) return;
      if (!started) {
        started = true;
        metrics.firstTokenSeconds.observe({ mode }, (performance.now() - options.requestStarted) / 1000);
        yield { type: 'text-start', id: textId };
      }
      text += delta;
      yield { type: 'text-delta', id: textId, delta };
    };
    try {
      if (prepared.declined) {
        yield* emit(declineText(prepared.sources));
      } else {
        const deltas = generator.generate({
          question: prepared.conversation.question,
          sources: prepared.sources,
          history: prepared.conversation.history,
          signal,
        });
        for await (const delta of deltas) yield* emit(filter.push(delta));
        yield* emit(filter.flush());
      }
      if (signal.aborted) throw signal.reason;
    } catch (caught) {
      abort.clear();
      // An abort surfaces as whatever the SDK threw; the signal knows the real reason.
      const error = signal.aborted && !(caught instanceof GenerationError) ? signal.reason : caught;
      if (started) yield { type: 'text-end', id: textId };
      const timedOut = (error as Error)?.name === 'TimeoutError';
      const message =
        error instanceof GenerationError
          ? error.message
          : timedOut
            ? `The answer took longer than the ${Math.round(dependencies.config.answerTimeoutMs / 1000)} s limit and was stopped.`
            : 'The answer failed unexpectedly.';
      metrics.errors.inc({
        type:
          error instanceof GenerationError
            ? 'generator:failed'
            : timedOut
              ? 'answer:timeout'
              : 'answer:failed',
      });
      options.onDone(options.signal.aborted ? 'aborted' : 'error');
      yield { type: 'error', errorText: `${message} Retry to ask again.` };
      return;
    }
    if (!started) yield* emit('The docs have nothing more to add on this.');
    yield { type: 'text-end', id: textId };
    metrics.answerTokens.inc({ mode }, Math.ceil(text.length / 4));
    if (prepared.declined) metrics.declines.inc();
    yield {
      type: 'data-answer',
      data: { declined: prepared.declined, mode, topScore: Math.round(prepared.topScore * 1000) / 1000 },
    };
    yield {
      type: 'finish',
      messageMetadata: { signature: signer.sign(text.trim()), declined: prepared.declined },
    };
    abort.clear();
    options.onDone('ok');
  }

  const encoder = new TextEncoder();
  const iterator = parts();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.enqueue(encoder.encode(STREAM_DONE));
        controller.close();
      } else {
        controller.enqueue(encoder.encode(encodeStreamPart(next.value)));
      }
    },
    async cancel() {
      // The reader went away: stop the upstream LLM request.
      abort.abort(new Error('client disconnected'));
      abort.clear();
      options.onDone('aborted');
      await iterator.return(undefined);
    },
  });
}
