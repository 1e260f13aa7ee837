import {
  type Chunk,
  type CutOffReason,
  encodeStreamPart,
  STREAM_DONE,
  type StreamPart,
  siteLink,
} from '@docent/protocol';
import { redactUrls } from '@docent/retrieval';
import { AnswerTally, type AnswerUsage } from './answer-tally.js';
import { type AnswerResult, declineOutcome, declineText } from './decline.js';
import { DeclineMarkerFilter } from './decline-marker.js';
import { docsToolbox } from './docs-toolbox.js';
import { estimatedTokens, GenerationError } from './generator.js';
import { linkedAbort } from './linked-abort.js';
import type { AnswerDependencies, PreparedAnswer } from './prepare-answer.js';
import { SafeMarkdown } from './safe-markdown.js';
import { SourceList } from './source-list.js';
import { growingLinkPolicy, stepParts } from './step-parts.js';

/** How an answer ended, for the question log and `/metrics`: declines, cut-off, usage, every source. */
export type AnswerReport = AnswerResult & {
  cutOff?: CutOffReason;
  usage?: AnswerUsage;
  /** Every source the answer could cite: the first retrieval's, then those its steps added. */
  sources: readonly Chunk[];
};

export type AnswerOptions = {
  signal: AbortSignal;
  requestStarted: number;
  /** The answer's id, sent in the `start` part (feedback names it). */
  answerId: string;
  onDone: (outcome: string, result: AnswerReport) => void;
};

/** A running answer: its parts, sources first, and how to stop it when its reader goes away. */
export type AnswerRun = { parts: AsyncGenerator<StreamPart>; cancel: () => Promise<void> };

/**
 * The answer as stream parts, sources first: generated (or declined), made safe, bounded in time, and
 * reported to `onDone` once. `answerStream` sends them to the widget; the MCP `ask_docs` tool collects them.
 * With agentic retrieval, each step's parts (and the sources it found) come as the step happens.
 */
export function answerParts(
  prepared: PreparedAnswer,
  dependencies: AnswerDependencies,
  options: AnswerOptions,
): AnswerRun {
  const { generator, metrics, signer } = dependencies;
  const abort = linkedAbort([options.signal], dependencies.config.answerTimeoutMs);
  const signal = abort.signal;
  const sources = new SourceList(prepared.sources);
  // Only safe markdown reaches the reader: citations of sources retrieved, links to their pages, code untouched.
  const filter = new SafeMarkdown(
    () => sources.length,
    growingLinkPolicy(sources, dependencies.config.allowedOrigins),
  );
  const mode = prepared.declined ? 'extractive' : generator.mode;
  // A model that finds the sources do not answer the question says so with a marker (see the system prompt).
  const marker = new DeclineMarkerFilter();
  const tally = new AnswerTally(prepared.retrievalMs);
  // The follow-up rewrite is a model call of this answer too.
  if (prepared.rewriteUsage) tally.addUsage(prepared.rewriteUsage);
  const report = (result: AnswerResult, cutOff?: CutOffReason): AnswerReport => {
    const usage = tally.total();
    if (usage) metrics.recordUsage(usage);
    return { ...result, ...(cutOff ? { cutOff } : {}), ...(usage ? { usage } : {}), sources: sources.all() };
  };

  async function* parts(): AsyncGenerator<StreamPart> {
    yield { type: 'start', messageId: options.answerId };
    let sent = 0;
    // The sources not sent yet, as `source-url` parts numbered as the answer cites them.
    const newSources = function* (): Iterable<StreamPart> {
      for (; sent < sources.length; sent++) {
        const source = sources.all()[sent]!;
        yield {
          type: 'source-url',
          sourceId: `source-${sent + 1}`,
          // The one link policy: a source whose URL would leave the site is sent without one.
          url: siteLink(source.url) ?? '',
          title: source.headings.join(' › '),
        };
      }
    };
    yield* newSources();
    const textId = 'text-1';
    let text = '';
    let started = false;
    let cutOff: CutOffReason | undefined;
    const limit = dependencies.config.maxAnswerCharacters;
    // Text the reader is sent stays within the answer bound (escapes may lengthen the model's text).
    const emit = function* (whole: string): Iterable<StreamPart> {
      const delta = whole.slice(0, Math.max(0, limit - text.length));
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
          sources,
          history: prepared.conversation.history,
          signal,
          onUsage: (usage) => tally.addUsage(usage),
          ...(dependencies.config.agenticSteps > 0 && generator.mode === 'llm'
            ? { tools: docsToolbox(dependencies, prepared.filter) }
            : {}),
        });
        let received = 0;
        let cut = false;
        for await (const delta of deltas) {
          if (typeof delta !== 'string') {
            tally.observe(delta);
            yield* stepParts(delta);
            yield* newSources();
            continue;
          }
          // The bound holds before anything is sent or filtered: a delta past it is cut first, so a reader
          // (and the filters) never get more than `limit` characters of model text, however large one delta.
          const piece = delta.slice(0, limit - received);
          received += piece.length;
          yield* emit(filter.push(marker.push(piece)));
          // A model that runs on is stopped (leaving the loop closes its stream), not held in memory.
          if (received >= limit || text.length >= limit) {
            cut = true;
            break;
          }
        }
        yield* emit(filter.push(marker.flush()));
        yield* emit(filter.flush());
        cutOff = tally.cutOff(generator.mode, cut);
        if (cut) metrics.errors.inc({ type: 'answer:too-long' });
        else if (cutOff) metrics.errors.inc({ type: `answer:cut-off:${cutOff}` });
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
      options.onDone(
        options.signal.aborted ? 'aborted' : 'error',
        report(declineOutcome(prepared.declined, false)),
      );
      yield { type: 'error', errorText: redactUrls(`${message} Retry to ask again.`) };
      return;
    }
    if (!started && !cutOff) yield* emit('The docs have nothing more to add on this.');
    if (started) yield { type: 'text-end', id: textId };
    metrics.answerTokens.inc({ mode }, estimatedTokens(text));
    const outcome = declineOutcome(prepared.declined, marker.declined);
    const { declined } = outcome;
    if (declined) metrics.declines.inc();
    if (cutOff) yield { type: 'data-notice', data: { kind: 'cut-off', reason: cutOff } };
    yield {
      type: 'data-answer',
      data: {
        ...outcome,
        mode,
        topScore: Math.round(prepared.topScore * 1000) / 1000,
        ...(cutOff ? { cutOff } : {}),
        ...tally.answerData(),
      },
    };
    yield {
      type: 'finish',
      messageMetadata: {
        signature: signer.sign({
          conversationId: prepared.conversation.id,
          question: prepared.conversation.question,
          answer: text.trim(),
        }),
        declined,
        ...(cutOff ? { cutOff } : {}),
      },
    };
    abort.clear();
    options.onDone('ok', report(outcome, cutOff));
  }

  const iterator = parts();
  return {
    parts: iterator,
    async cancel() {
      abort.abort(new Error('client disconnected'));
      abort.clear();
      options.onDone('aborted', report(declineOutcome(prepared.declined, false)));
      await iterator.return(undefined);
    },
  };
}

/** The answer as an AI SDK UI message stream (SSE text), sources first. */
export function answerStream(
  prepared: PreparedAnswer,
  dependencies: AnswerDependencies,
  options: AnswerOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const run = answerParts(prepared, dependencies, options);
  const iterator = run.parts;
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
      await run.cancel();
    },
  });
}
