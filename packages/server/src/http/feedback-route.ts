import { feedbackSchema, parseWith } from '@docent/protocol';
import type { Hono } from 'hono';
import { redactPage, redactSecrets } from '../question-log/redact-secrets.js';
import type { AppContext } from './app-context.js';
import { DocentError } from './docent-error.js';
import { readJson } from './read-json.js';

/** `POST /api/feedback`: a reader's rating, counted, logged with its question, kept in the feedback file. */
export function feedbackRoute(app: Hono, context: AppContext): void {
  const { metrics, questionLog, feedbackFile, log } = context;
  app.post('/api/feedback', async (c) => {
    const parsed = parseWith(feedbackSchema, await readJson(c));
    if (!parsed.success) throw new DocentError('request:invalid', `Invalid feedback: ${parsed.error}.`);
    metrics.feedback.inc({ rating: parsed.data.rating });
    // Kept as the question log keeps it: secrets redacted in the text, the page without its query string.
    const { reason, question, path } = parsed.data;
    const record = {
      ...parsed.data,
      ...(reason !== undefined ? { reason: redactSecrets(reason) } : {}),
      ...(question !== undefined ? { question: redactSecrets(question) } : {}),
      ...(path !== undefined ? { path: redactPage(path) } : {}),
      at: new Date().toISOString(),
    };
    questionLog?.record({
      type: 'feedback',
      at: record.at,
      answerId: parsed.data.messageId,
      rating: parsed.data.rating,
      reason: record.reason ?? null,
    });
    if (feedbackFile) await feedbackFile.append(record);
    else log(`feedback: ${JSON.stringify(record)}`);
    return c.json({ ok: true }, 202);
  });
}
