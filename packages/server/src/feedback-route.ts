import { feedbackSchema, parseWith } from '@docent/protocol';
import type { Hono } from 'hono';
import type { AppContext } from './app-context.js';
import { DocentError } from './docent-error.js';
import { readJson } from './read-json.js';
import { redactSecrets } from './redact-secrets.js';

/** `POST /api/feedback`: a reader's rating, counted, logged with its question, kept in the feedback file. */
export function feedbackRoute(app: Hono, context: AppContext): void {
  const { metrics, questionLog, feedbackFile, log } = context;
  app.post('/api/feedback', async (c) => {
    const parsed = parseWith(feedbackSchema, await readJson(c));
    if (!parsed.success) throw new DocentError('request:invalid', `Invalid feedback: ${parsed.error}.`);
    metrics.feedback.inc({ rating: parsed.data.rating });
    const record = { ...parsed.data, at: new Date().toISOString() };
    questionLog?.record({
      type: 'feedback',
      at: record.at,
      answerId: parsed.data.messageId,
      rating: parsed.data.rating,
      reason: parsed.data.reason ? redactSecrets(parsed.data.reason) : null,
    });
    if (feedbackFile) await feedbackFile.append(record);
    else log(`feedback: ${JSON.stringify(record)}`);
    return c.json({ ok: true }, 202);
  });
}
