// Top-10 overlap of Docent's dense search with exact float32 search on real sentence vectors: each eval
// corpus (hono, pnpm, redux) indexed with the offline Universal Sentence Encoder lite (512 dimensions),
// its questions embedded as queries. Prints one JSON line, per corpus:
// { chunks, questions, dimensions, lists, overlapInt8, overlapRescored, overlapIvf }: the share of the
// float32 top 10 found by a scan of every int8 code alone, by that scan re-scored with the float32
// originals (what the store does below 4,096 vectors), and by IVF lists (√n lists, 16 probes, built here
// whatever the size) re-scored (what the store does at scale).
//   node --import tsx --conditions=source bench/use-overlap.ts   (minutes the first time: it embeds every chunk)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIndex } from '@docent/indexer';
import { buildIvfLists, DenseIndex, LocalStore, quantizeVectors, readIndexFile } from '@docent/retrieval';
import { evalCorpus } from '../eval/src/eval-corpora.js';
import { corpusFiles } from '../eval/src/index-corpus.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { useEmbedder } from './use-model.js';

const OVERLAP_CORPORA = ['hono', 'pnpm', 'redux'] as const;

const { embedder } = await useEmbedder();
const figures: Record<string, unknown> = {};
for (const name of OVERLAP_CORPORA) {
  const corpus = evalCorpus(name);
  const folder = await mkdtemp(join(tmpdir(), 'docent-overlap-'));
  try {
    const path = join(folder, 'overlap.docent');
    const store = await LocalStore.open({ path });
    const { summary } = await runIndex({
      files: await corpusFiles(corpus),
      store,
      embedder,
      needAllChunks: true,
    });
    if (summary.errors.length > 0)
      throw new Error(`indexing ${name} failed: ${JSON.stringify(summary.errors[0])}`);
    await store.close();
    const file = await readIndexFile(path);
    if (file.kind !== 'image') throw new Error('expected a format 3 index');
    const { image } = file;
    const count = image.size;
    const dimensions = image.header.dimensions;
    const flat = new Float32Array(count * dimensions);
    const hasVector = new Uint8Array(count);
    for (let document = 0; document < count; document++) {
      const vector = image.floatVector(document);
      if (!vector) continue;
      flat.set(vector, document * dimensions);
      hasVector[document] = 1;
    }
    await image.close();
    const { codes, scales } = quantizeVectors(flat, count, dimensions);
    const original = (document: number) => flat.subarray(document * dimensions, (document + 1) * dimensions);
    const ivf = await buildIvfLists(flat, hasVector, dimensions, 1);
    const engines = {
      overlapInt8: new DenseIndex(codes, scales, dimensions),
      overlapRescored: new DenseIndex(codes, scales, dimensions, original),
      overlapIvf: new DenseIndex(codes, scales, dimensions, original, ivf),
    };
    const questions = await readQuestions(corpus.questions);
    const vectors = await embedder.embed(
      questions.map((question) => question.question),
      'query',
    );
    const found = { overlapInt8: 0, overlapRescored: 0, overlapIvf: 0 };
    for (const query of vectors) {
      const unit = new Float64Array(dimensions);
      DenseIndex.normalise(query, unit, 0, dimensions);
      const scores = Array.from({ length: count }, (_, document) => {
        let dot = 0;
        for (let i = 0; i < dimensions; i++) dot += unit[i]! * flat[document * dimensions + i]!;
        return hasVector[document] ? dot : Number.NEGATIVE_INFINITY;
      });
      const exact = new Set([...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, 10));
      for (const [label, engine] of Object.entries(engines)) {
        const top = [...engine.nearest(query, () => true, 10).keys()];
        found[label as keyof typeof found] += top.filter((document) => exact.has(document)).length;
      }
    }
    const share = (hits: number) => Math.round((hits / (vectors.length * 10)) * 1000) / 1000;
    figures[name] = {
      chunks: count,
      questions: vectors.length,
      dimensions,
      lists: ivf ? ivf.offsets.length - 1 : 0,
      overlapInt8: share(found.overlapInt8),
      overlapRescored: share(found.overlapRescored),
      overlapIvf: share(found.overlapIvf),
    };
    process.stderr.write(`\n${name}: ${JSON.stringify(figures[name])}\n`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
console.log(JSON.stringify(figures));
