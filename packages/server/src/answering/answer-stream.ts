import { encodeStreamPart, STREAM_DONE, type StreamPart, siteLink } from '@docent/protocol';
import { redactUrls } from '@docent/retrieval';
import { type AnswerResult, declineOutcome, declineText } from './decline.js';

import { DeclineMarkerFilter } from './decline-marker.js';
import { GenerationError } from './generator.js';
import { sourceLinkPolicy } from './link-policy.js';
import { linkedAbort } from './linked-abort.js';
import type { AnswerDependencies, PreparedAnswer } from './prepare-answer.js';
import { SafeMarkdown } from './safe-markdown.js';

export type AnswerOptions = {
  signal: AbortSignal;
  requestStarted: number;
  /** The answer's id, sent in the `start` part (feedback names it). */
  answerId: string;
  onDone: (outcome: string, result: AnswerResult) => void;
};

/** A running answer: its parts, sources first, and how to stop it when its reader goes away. */
export type AnswerRun = { parts: AsyncGenerator<StreamPart>; cancel: () => Promise<void> };

/**
 * The answer as stream parts, sources first: generated (or declined), made safe, bounded in time, and
 * reported to `onDone` once. `answerStream` sends them to the widget; the MCP `ask_docs` tool collects them.
 */
export function answerParts(
  prepared: PreparedAnswer,
  dependencies: AnswerDependencies,
  options: AnswerOptions,
): AnswerRun {
  const { generator, metrics, signer } = dependencies;
  const abort = linkedAbort([options.signal], dependencies.config.answerTimeoutMs);
  const signal = abort.signal;
  // Only safe markdown reaches the reader: links to the sources' pages on the site, code untouched.
  const filter = new SafeMarkdown(
    prepared.sources.length,
    sourceLinkPolicy(prepared.sources, dependencies.config.allowedOrigins),
  );
  const mode = prepared.declined ? 'extractive' : generator.mode;
  // A model that finds the sources do not answer the question says so with a marker (see the system prompt).
  const marker = new DeclineMarkerFilter();

  async function* parts(): AsyncGenerator<StreamPart> {
    yield { type: 'start', messageId: options.answerId };
    for (const [index, source] of prepared.sources.entries()) {
      yield {
        type: 'source-url',
        sourceId: `source-${index + 1}`,
        // The one link policy: a source whose URL would leave the site is sent without one.
        url: siteLink(source.url) ?? '',
        title: source.headings.join(' › '),
      };
    }
    const textId = 'text-1';
    let text = '';
    let started = false;
    const limit = dependencies.config.maxAnswerCharacters;
    // `bounded`: text the reader is sent stays within the answer bound (escapes may lengthen the model's text).
    const emit = function* (whole: string, bounded = true): Iterable<StreamPart> {
      const delta = bounded ? whole.slice(0, Math.max(0, limit - text.length)) : whole;
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
        let received = 0;
        let cut = false;
        for await (const delta of deltas) {
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
        if (cut) {
          metrics.errors.inc({ type: 'answer:too-long' });
          yield* emit(`\n\n(The answer was cut at ${limit} characters.)`, false);
        }
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
      options.onDone(options.signal.aborted ? 'aborted' : 'error', declineOutcome(prepared.declined, false));
      yield { type: 'error', errorText: redactUrls(`${message} Retry to ask again.`) };
      return;
    }
    if (!started) yield* emit('The docs have nothing more to add on this.');
    yield { type: 'text-end', id: textId };
    metrics.answerTokens.inc({ mode }, Math.ceil(text.length / 4));
    const outcome = declineOutcome(prepared.declined, marker.declined);
    const { declined } = outcome;
    if (declined) metrics.declines.inc();
    yield {
      type: 'data-answer',
      data: {
        ...outcome,
        mode,
        topScore: Math.round(prepared.topScore * 1000) / 1000,
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
      },
    };
    abort.clear();
    options.onDone('ok', outcome);
  }

  const iterator = parts();
  return {
    parts: iterator,
    async cancel() {
      abort.abort(new Error('client disconnected'));
      abort.clear();
      options.onDone('aborted', declineOutcome(prepared.declined, false));
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
