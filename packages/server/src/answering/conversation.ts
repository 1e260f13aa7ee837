import { type ChatRequest, messageText } from '@docent/protocol';
import { DocentError } from '../http/docent-error.js';
import type { MessageSigner } from './message-signer.js';

export type Turn = { role: 'user' | 'assistant'; content: string };

export type Conversation = {
  /** The conversation's id as the client sent it (the chat request's `id`), which signatures are bound to. */
  id: string;
  question: string;
  /**
   * Earlier turns, oldest first: user turns as sent, assistant turns only when their signature checks out for
   * this conversation and the question before them.
   */
  history: Turn[];
};

/** Reads the question and trustworthy history out of a chat request, enforcing the size limits. */
export function readConversation(
  request: ChatRequest,
  signer: MessageSigner,
  limits: { maxQuestionLength: number; maxTurns: number },
): Conversation {
  if (request.messages.length > limits.maxTurns) {
    throw new DocentError(
      'request:too-many-turns',
      `The conversation has ${request.messages.length} messages; the limit is ${limits.maxTurns}. Clear the conversation and ask again.`,
    );
  }
  const last = request.messages.at(-1)!;
  if (last.role !== 'user') {
    throw new DocentError('request:invalid', 'The last message must be the user\'s question (role "user").');
  }
  const question = messageText(last).trim();
  if (question === '')
    throw new DocentError('request:invalid', 'The question is empty: type a question and send it again.');
  if (question.length > limits.maxQuestionLength) {
    throw new DocentError(
      'request:question-too-long',
      `The question is ${question.length} characters long; the limit is ${limits.maxQuestionLength}. Shorten it and ask again.`,
    );
  }
  const id = request.id ?? '';
  const history: Turn[] = [];
  let asked = '';
  for (const message of request.messages.slice(0, -1)) {
    const content = messageText(message).trim();
    if (content === '' || message.role === 'system') continue;
    if (message.role === 'user') asked = content;
    if (message.role === 'assistant') {
      const signature = (message.metadata as { signature?: unknown } | undefined)?.signature;
      if (!signer.verify({ conversationId: id, question: asked, answer: content }, signature)) continue;
    }
    history.push({ role: message.role, content: content.slice(0, limits.maxQuestionLength * 4) });
  }
  return { id, question, history };
}
