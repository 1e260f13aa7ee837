import { BLOG_VERSION, type ChatRequest, type Chunk, isBlogVersion } from '@docent/protocol';
import {
  type Embedder,
  pagePath,
  type SearchFilter,
  type SearchHit,
  type Store,
  StoreError,
  searchDocsAndBlog,
} from '@docent/retrieval';
import { DocentError } from '../http/docent-error.js';
import type { Metrics } from '../http/metrics.js';
import type { ServerConfig } from '../http/server-config.js';
import { completeLeadIns } from './complete-lead-ins.js';
import { type Conversation, readConversation } from './conversation.js';
import { decideDecline } from './decline.js';
import { embedderMismatch } from './embedder-mismatch.js';
import { fuseHits } from './fuse-hits.js';
import type { Generator, ModelUsage } from './generator.js';
import type { MessageSigner } from './message-signer.js';
import { resolveFilter } from './resolve-filter.js';
import { retrievalQuery } from './retrieval-query.js';

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
  /** Each source's search score (the question log records them). */
  sourceScores: number[];
  /** The locale and version searched. */
  filter: SearchFilter;
  /** Question words no page of that locale and version contains (the question log records them). */
  missingWords: string[];
  declined: boolean;
  topScore: number;
  /** Time the retrieval took, in ms (the question log and `data-answer` keep it apart from the model's). */
  retrievalMs: number;
  /** The follow-up rewrite's model call, counted in the answer's usage. */
  rewriteUsage?: ModelUsage;
};

export type Retrieval = {
  conversation: Conversation;
  hits: SearchHit[];
  query: string;
  filter: SearchFilter;
  /** Time the retrieval took, in ms. */
  retrievalMs: number;
  /** The follow-up rewrite's model call, when one was made. */
  rewriteUsage?: ModelUsage;
};

/** The index embedder last warned about, per service: the log says it once per change, not per question. */
const warnedMismatch = new WeakMap<AnswerDependencies, string | null>();

/**
 * What the service searches for a chat request: the conversation read and checked, the follow-up resolved,
 * the question embedded when an embedder is configured, and the ranked hits in the reader's locale and
 * version. The evaluation harness calls this too, so it measures exactly what readers get.
 */
export async function retrieve(
  request: ChatRequest,
  dependencies: AnswerDependencies,
  signal: AbortSignal,
  limit = dependencies.config.sourcesLimit * 2,
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
    // With an LLM a follow-up is rewritten: in the reader's words and, when the model writes one, in the
    // docs' words; both are searched and their hits fused.
    const queries: string[] = [];
    let rewriteUsage: ModelUsage | undefined;
    if (generator.rewrite && conversation.history.length > 0) {
      const rewritten = await generator.rewrite(conversation.question, conversation.history, signal);
      rewriteUsage = rewritten.usage;
      for (const text of [rewritten.standalone, rewritten.docsQuery])
        if (text) queries.push(`${text}\n${context.selection ?? ''}`);
    } else {
      queries.push(
        retrievalQuery(
          conversation.question,
          conversation.history,
          context.selection,
          filter.locale ?? context.locale,
        ),
      );
    }
    const query = queries[0]!;
    let vectors: number[][] = [];
    // Checked on every question, so a reload with another model or dimension degrades to lexical search
    // (and says so in /readyz) instead of failing every question.
    const mismatch = embedderMismatch(stats.info, embedder);
    if (mismatch) {
      metrics.errors.inc({ type: 'embedder:mismatch' });
      if (warnedMismatch.get(dependencies) !== mismatch.index) {
        warnedMismatch.set(dependencies, mismatch.index);
        dependencies.log(
          `the index was embedded with ${mismatch.index ?? 'no embedder'}, not ${mismatch.service}: searching lexically only until they match`,
        );
      }
    } else if (embedder) {
      try {
        vectors = await embedder.embed(queries, 'query', signal);
      } catch (error) {
        dependencies.log(
          `embedding the question failed, searching lexically only: ${(error as Error).message}`,
        );
        metrics.errors.inc({ type: 'embedder:failed' });
      }
    }
    const hasBlog = stats.versions.includes(BLOG_VERSION);
    // A reader on a blog post gets the blog first; everywhere else the docs come first.
    const onBlogPost =
      hasBlog && context.path
        ? isBlogVersion((await store.page(pagePath(context.path)))[0]?.version ?? '')
        : false;
    const lists = await Promise.all(
      queries.map((text, index) =>
        searchDocsAndBlog(
          store,
          {
            text,
            ...(vectors[index] ? { vector: vectors[index] } : {}),
            filter,
            limit,
            // A question handed over from the search box leans towards the page its best result is on.
            ...(context.results?.[0] || context.path
              ? { boostPath: context.results?.[0] ?? context.path }
              : {}),
          },
          { hasBlog, prefer: onBlogPost ? 'blog' : 'docs' },
        ),
      ),
    );
    const hits = fuseHits(lists, limit);
    return {
      conversation,
      hits,
      query,
      filter,
      // The rewrite is the model's time (counted in its usage), not retrieval's.
      retrievalMs: performance.now() - started - (rewriteUsage?.durationMs ?? 0),
      ...(rewriteUsage ? { rewriteUsage } : {}),
    };
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
  const { conversation, hits, filter, retrievalMs, rewriteUsage } = await retrieve(
    request,
    dependencies,
    signal,
  );
  const decision = decideDecline(hits, dependencies.config);
  const { declined, topScore } = decision;
  // A quoted section never stops at "Install both packages:" when the packages are in its next chunk.
  const sources = declined ? decision.sources : await completeLeadIns(decision.sources, dependencies.store);
  const scores = new Map<string, number>();
  for (const hit of hits) if (!scores.has(hit.chunk.url)) scores.set(hit.chunk.url, hit.score);
  const sourceScores = sources.map((source) => scores.get(source.url) ?? 0);
  // With no hit at all, no page contains any of the question's words.
  const missingWords =
    hits[0]?.evidence?.absentWords ?? conversation.question.match(/[\p{L}\p{N}][\p{L}\p{N}._-]*/gu) ?? [];
  return {
    conversation,
    sources,
    sourceScores,
    filter,
    missingWords,
    declined,
    topScore,
    retrievalMs,
    ...(rewriteUsage ? { rewriteUsage } : {}),
  };
}
