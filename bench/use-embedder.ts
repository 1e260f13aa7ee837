// Measures Universal Sentence Encoder lite (@energetic-ai/embeddings, offline) as a local embedder in the
// hybrid: recall by kind on every eval corpus with and without it, embedding time per 1,000 chunks, query
// latency and memory. `pnpm exec tsx --conditions=source bench/use-embedder.ts [out.json]` (several minutes).
import { writeFileSync } from 'node:fs';
import { EVAL_CORPORA } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { summarize } from '../eval/src/summarize.js';
import { useEmbedder } from './use-model.js';

const { embedder, costs } = await useEmbedder();
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
const sorted = [...costs.queryMs].sort((a, b) => a - b);
const summary = {
  corpora: results,
  modelLoadMs: Math.round(costs.loadMs),
  msPer1000Chunks:
    costs.documentsEmbedded > 0 ? Math.round((costs.documentMs / costs.documentsEmbedded) * 1000) : null,
  queryP50Ms: sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10 : null,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify({ ...summary, corpora: undefined }));
if (process.argv[2]) writeFileSync(process.argv[2], `${JSON.stringify(summary, null, 2)}\n`);
