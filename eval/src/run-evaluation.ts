import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Chunk, readStream, type SearchResult, type StreamPart } from '@docent/protocol';
import type { AnswerabilityEvidence, Embedder } from '@docent/retrieval';
import { createApp, evidenceOf, retrieve, type ServerConfig } from '@docent/server';
import type { EvalCorpus } from './eval-corpora.js';
import { type EvalQuestion, type RankedChunk, recallAt, reciprocalRankAt } from './eval-question.js';
import { indexCorpus } from './index-corpus.js';
import { LunrBaseline } from './lunr-baseline.js';
import { corpusPaths, folderPrefix, questionRequest } from './question-request.js';
import { evaluateTypeahead, type TypeaheadReport, typeaheadTargets } from './typeahead-evaluation.js';

export type EvaluationOptions = {
  corpus: EvalCorpus;
  questions: EvalQuestion[];
  /** Ask a running service instead of building one in-process. */
  server?: string;
  /** Server settings to try (e.g. a decline threshold). */
  config?: Partial<Omit<ServerConfig, 'secret'>>;
  /** Chunk size for the index (default: the indexer's). */
  maxTokens?: number;
  /** Embed chunks and questions with this embedder (hybrid retrieval), as the indexer and server would. */
  embedder?: Embedder;
  /** Also measure search as you type on the same index (`GET /api/search` against lunr), told here. */
  onTypeahead?: (report: TypeaheadReport) => void;
};

export type QuestionResult = {
  id: string;
  kind: EvalQuestion['kind'];
  /** The docs version the question was asked about (version questions only). */
  version?: string;
  recallAt5: number;
  mrrAt10: number;
  baselineRecallAt5: number;
  baselineMrrAt10: number;
  declined: boolean;
  /** The answerability score the service decided on (`data-answer`'s `topScore`). */
  topCoverage: number;
  factRecall: number;
  allFacts: boolean;
  /** Sections the answer cites (`[n]`), and how many of them are on a page the question expects. */
  cited: number;
  citedOnExpected: number;
  ms: number;
  top: string[];
  answer: string;
  /** What the decline decision read (in-process runs only). */
  evidence?: AnswerabilityEvidence;
};

function decodedUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

type Answer = { text: string; declined: boolean; sources: string[]; topCoverage: number };

async function readAnswer(response: Response): Promise<Answer> {
  const parts: StreamPart[] = [];
  if (response.body) await readStream(response.body, (part) => parts.push(part));
  let text = '';
  let declined = false;
  let topCoverage = 0;
  const sources: string[] = [];
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.delta;
    if (part.type === 'source-url') sources.push(part.url);
    if (part.type === 'data-answer') {
      declined = part.data.declined;
      topCoverage = part.data.topScore;
    }
    if (part.type === 'error') throw new Error(`the answer failed: ${part.errorText}`);
  }
  return { text, declined, sources, topCoverage };
}

/**
 * Indexes the corpus with the current defaults, asks every question through the service's own pipeline
 * (history and version context included), and asks lunr, Docent's keyword-search baseline, the same
 * questions over the same sections of the same version. Returns one result per question.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<QuestionResult[]> {
  const { corpus } = options;
  const folder = await mkdtemp(join(tmpdir(), 'docent-eval-'));
  try {
    const { store, chunks } = await indexCorpus(corpus, folder, {
      ...(options.embedder ? { embedder: options.embedder } : {}),
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
    });
    // The service percent-encodes non-ASCII anchors in the links it sends (`#%E5%BB%B6…`); the index keeps
    // them as the docs write them (`#延迟…`): both are looked up decoded.
    const byUrl = new Map(chunks.map((chunk) => [decodedUrl(chunk.url), chunk]));
    const chunkAt = (url: string) => byUrl.get(decodedUrl(url));
    // Question paths are relative to the corpus; chunk paths to their docs folder.
    const scored = corpusPaths(corpus);
    const baselines = new Map<string, LunrBaseline>();
    const baselineFor = (version: string) => {
      let baseline = baselines.get(version);
      if (!baseline) {
        const locale = corpus.locale ?? 'en';
        baseline = new LunrBaseline(chunks.filter((c) => c.locale === locale && c.version === version));
        baselines.set(version, baseline);
      }
      return baseline;
    };
    const app = createApp({
      store,
      ...(options.embedder ? { embedder: options.embedder } : {}),
      config: { rateLimit: null, ...options.config },
      log: () => {},
    });
    const results: QuestionResult[] = [];
    for (const question of options.questions) {
      const request = questionRequest(app, corpus, question, `eval-${results.length}`);
      const started = performance.now();
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      };
      const response = options.server
        ? await fetch(`${options.server.replace(/\/$/, '')}/api/chat`, init)
        : await app.request('/api/chat', init);
      if (response.status !== 200)
        throw new Error(`question ${question.id}: HTTP ${response.status} ${await response.text()}`);
      const answer = await readAnswer(response);
      const ms = performance.now() - started;
      const retrieval = options.server
        ? null
        : await retrieve(request, app.answers, AbortSignal.timeout(10_000));
      const ranked: RankedChunk[] = (
        retrieval
          ? retrieval.hits.map((hit) => hit.chunk as Chunk)
          : answer.sources.map(chunkAt).filter((chunk): chunk is Chunk => chunk !== undefined)
      ).map(scored);
      const lunrRanked = baselineFor(question.version ?? 'current')
        .search(question.question, 10)
        .map(scored);
      const normalized = answer.text.toLowerCase().replace(/\s+/g, ' ');
      const found = question.facts.filter((fact) =>
        normalized.includes(fact.toLowerCase().replace(/\s+/g, ' ')),
      );
      // Each `[n]` the answer cites (a markdown link's `[text](…)` is not a citation), as the section it names.
      const citedChunks = [...new Set([...answer.text.matchAll(/\[(\d+)\](?!\()/g)].map((m) => Number(m[1])))]
        .filter((n) => n >= 1 && n <= answer.sources.length)
        .map((n) => chunkAt(answer.sources[n - 1]!));
      const expectedPages = new Set(question.expected.map((expected) => expected.path));
      results.push({
        id: question.id,
        kind: question.kind,
        ...(question.version ? { version: question.version } : {}),
        recallAt5: recallAt(question, ranked, 5),
        mrrAt10: reciprocalRankAt(question, ranked, 10),
        baselineRecallAt5: recallAt(question, lunrRanked, 5),
        baselineMrrAt10: reciprocalRankAt(question, lunrRanked, 10),
        declined: answer.declined,
        topCoverage: answer.topCoverage,
        factRecall: question.facts.length > 0 ? found.length / question.facts.length : 1,
        allFacts: found.length === question.facts.length,
        cited: citedChunks.length,
        citedOnExpected: citedChunks.filter((chunk) => chunk && expectedPages.has(scored(chunk).sourcePath))
          .length,
        ms,
        top: ranked
          .slice(0, 3)
          .map((chunk) => `${chunk.sourcePath} > ${chunk.headings.slice(1).join(' > ')}`),
        answer: answer.text,
        ...(retrieval ? { evidence: evidenceOf(retrieval.hits) } : {}),
      });
    }
    if (options.onTypeahead && !options.server) {
      const prefixIn = folderPrefix(corpus);
      const locale = corpus.locale ?? 'en';
      const inScope = chunks.filter((chunk) => chunk.locale === locale);
      options.onTypeahead(
        await evaluateTypeahead({
          targets: typeaheadTargets(options.questions, inScope, prefixIn),
          search: async (query, version) => {
            const parameters = new URLSearchParams({ q: query, locale, version });
            const response = await app.request(`/api/search?${parameters}`);
            if (response.status !== 200) throw new Error(`search "${query}": HTTP ${response.status}`);
            return (await response.json()) as SearchResult;
          },
          chunkAt,
          scored,
          lunrFor: baselineFor,
        }),
      );
    }
    await store.close();
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
