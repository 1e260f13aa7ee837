import type { createApp } from '@docent/server';
import type { EvalQuestion } from './eval-question.js';

/**
 * A question as the widget sends it: its history as AI SDK UI messages, each earlier answer signed by the
 * app's own signer for this conversation (as the service signed it when it answered), then the question.
 */
export function signedMessages(
  app: ReturnType<typeof createApp>,
  conversationId: string,
  question: EvalQuestion,
) {
  const history = question.history ?? [];
  return [
    ...history.map((turn, position) => ({
      role: turn.role,
      parts: [{ type: 'text', text: turn.content }],
      ...(turn.role === 'assistant'
        ? {
            metadata: {
              signature: app.answers.signer.sign({
                conversationId,
                question:
                  history.slice(0, position).findLast((earlier) => earlier.role === 'user')?.content ?? '',
                answer: turn.content.trim(),
              }),
            },
          }
        : {}),
    })),
    { role: 'user' as const, parts: [{ type: 'text', text: question.question }] },
  ];
}
