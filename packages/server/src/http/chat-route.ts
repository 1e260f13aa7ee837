import { randomUUID } from 'node:crypto';
import {
  chatRequestSchema,
  parseWith,
  UI_MESSAGE_STREAM_HEADER,
  UI_MESSAGE_STREAM_VERSION,
} from '@docent/protocol';
import type { Hono } from 'hono';
import { answerStream } from '../answering/answer-stream.js';
import { prepareAnswer } from '../answering/prepare-answer.js';
import { questionEntry } from '../question-log/question-log.js';
import type { AppContext } from './app-context.js';
import { DocentError } from './docent-error.js';
import { readJson } from './read-json.js';

/** `POST /api/chat`: the widget's question, answered as an AI SDK UI message stream. */
export function chatRoute(app: Hono, context: AppContext): void {
  const { answers, questionLog, log } = context;
  app.post('/api/chat', async (c) => {
    const requestStarted = performance.now();
    const parsed = parseWith(chatRequestSchema, await readJson(c));
    if (!parsed.success) throw new DocentError('request:invalid', `Invalid chat request: ${parsed.error}.`);
    const prepared = await prepareAnswer(parsed.data, answers, c.req.raw.signal);
    const answerId = randomUUID();
    let finished = false;
    const body = answerStream(prepared, answers, {
      signal: c.req.raw.signal,
      requestStarted,
      answerId,
      onDone: (outcome, result) => {
        if (finished) return;
        finished = true;
        if (outcome !== 'ok') log(`answer ended: ${outcome}`);
        questionLog?.record(
          questionEntry(
            prepared,
            { answerId, page: parsed.data.context?.path ?? null, channel: 'chat' },
            outcome,
            result,
          ),
        );
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        [UI_MESSAGE_STREAM_HEADER]: UI_MESSAGE_STREAM_VERSION,
      },
    });
  });
}
