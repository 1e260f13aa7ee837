import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCommand } from '@docent/indexer';
import type { Chunk, StreamPart } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import { createApp, retrieve } from '@docent/server';
import { type EvalQuestion, type RankedChunk, recallAt, reciprocalRankAt } from './eval-question.js';
import { LunrBaseline } from './lunr-baseline.js';

export type EvaluationOptions = {
  docs: string;
  questions: EvalQuestion[];
  baseUrl?: string;
  /** Ask a running service instead of building one in-process. */
  server?: string;
  declineThreshold?: number;
  /** Chunk size for the index (default: the indexer's). */
  maxTokens?: number;
};

export type QuestionResult = {
  id: string;
  kind: EvalQuestion['kind'];
  recallAt5: number;
  mrrAt10: number;
  baselineRecallAt5: number;
  baselineMrrAt10: number;
  declined: boolean;
  topCoverage: number;
  factRecall: number;
  allFacts: boolean;
  ms: number;
  top: string[];
};

type Answer = { text: string; declined: boolean; sources: string[]; topCoverage: number };

function parseStream(body: string): Answer {
  const parts = body
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)) as StreamPart);
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
 * Indexes the folder with the current defaults, asks every question through the service's own pipeline
 * (history included), and asks lunr, Docent's keyword-search baseline, the same questions over the same
 * sections. Returns one result per question; `summarize` turns them into the report.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<QuestionResult[]> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-eval-'));
  try {
    const index = join(folder, 'eval.docent');
    const dump = join(folder, 'chunks.jsonl');
    const code = await indexCommand(
      [
        '--docs',
        options.docs,
        '--base-url',
        options.baseUrl ?? '/docs',
        '--out',
        index,
        '--dump',
        dump,
        '--quiet',
        '--no-cache',
        ...(options.maxTokens ? ['--max-tokens', String(options.maxTokens)] : []),
      ],
      {},
      { out: () => {}, err: () => {}, isTerminal: false },
    );
    if (code === 1) throw new Error(`indexing ${options.docs} failed`);
    const chunks = (await readFile(dump, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Chunk);
    const byUrl = new Map(chunks.map((chunk) => [chunk.url, chunk]));
    const baseline = new LunrBaseline(chunks);
    const store = await LocalStore.open({ path: index });
    const app = createApp({
      store,
      config: {
        rateLimit: null,
        ...(options.declineThreshold !== undefined ? { declineThreshold: options.declineThreshold } : {}),
      },
      log: () => {},
    });
    const results: QuestionResult[] = [];
    for (const question of options.questions) {
      const messages = [
        ...(question.history ?? []).map((turn) => ({
          role: turn.role,
          parts: [{ type: 'text', text: turn.content }],
          ...(turn.role === 'assistant'
            ? { metadata: { signature: app.answers.signer.sign(turn.content) } }
            : {}),
        })),
        { role: 'user' as const, parts: [{ type: 'text', text: question.question }] },
      ];
      const started = performance.now();
      const response = options.server
        ? await fetch(`${options.server.replace(/\/$/, '')}/api/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ messages }),
          })
        : await app.request('/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ messages }),
          });
      if (response.status !== 200)
        throw new Error(`question ${question.id}: HTTP ${response.status} ${await response.text()}`);
      const answer = parseStream(await response.text());
      const ms = performance.now() - started;
      const ranked: RankedChunk[] = options.server
        ? answer.sources.map((url) => byUrl.get(url)).filter((chunk): chunk is Chunk => chunk !== undefined)
        : (await retrieve({ messages } as never, app.answers, AbortSignal.timeout(10_000))).hits.map(
            (hit) => hit.chunk,
          );
      const lunrRanked = baseline.search(question.question, 10);
      const found = question.facts.filter((fact) => answer.text.toLowerCase().includes(fact.toLowerCase()));
      results.push({
        id: question.id,
        kind: question.kind,
        recallAt5: recallAt(question, ranked, 5),
        mrrAt10: reciprocalRankAt(question, ranked, 10),
        baselineRecallAt5: recallAt(question, lunrRanked, 5),
        baselineMrrAt10: reciprocalRankAt(question, lunrRanked, 10),
        declined: answer.declined,
        topCoverage: answer.topCoverage,
        factRecall: question.facts.length > 0 ? found.length / question.facts.length : 1,
        allFacts: found.length === question.facts.length,
        ms,
        top: ranked
          .slice(0, 3)
          .map((chunk) => `${chunk.sourcePath} > ${chunk.headings.slice(1).join(' > ')}`),
      });
    }
    await store.close();
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
