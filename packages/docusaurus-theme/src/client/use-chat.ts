import type { ChatRequest, Feedback } from '@docent/protocol';
import { readStream } from '@docent/protocol/read-stream';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage } from './chat-storage.js';
import {
  completedExchanges,
  docsVersion,
  failureText,
  loadChat,
  newChat,
  newId,
  saveChat,
  storageKey,
} from './chat-storage.js';
import { useDocentConfig } from './docent-config.js';

export type { ChatMessage, ChatStep, Source } from './chat-storage.js';

/** Completed question-and-answer messages sent with each question, at most. */
const HISTORY_SENT = 10;

/** The conversation: sending, streaming, stopping, retrying, feedback, and keeping it across pages. */
export function useChat() {
  const config = useDocentConfig();
  const { siteConfig, i18n } = useDocusaurusContext();
  const key = storageKey(siteConfig.url, siteConfig.baseUrl);
  const endpoint = `${config.serverUrl.replace(/\/$/, '')}/api`;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  // The service binds each answer's signature to this id: history is only trusted within one conversation.
  const [conversationId, setConversationId] = useState(() => newChat().conversationId);
  const controller = useRef<AbortController | null>(null);
  const latest = useRef<ChatMessage[]>([]);
  latest.current = messages;

  useEffect(() => {
    const chat = loadChat(key);
    setConversationId(chat.conversationId);
    setMessages(chat.messages);
  }, [key]);
  useEffect(() => {
    if (!messages.some((message) => message.status === 'streaming'))
      saveChat(key, { conversationId, messages }, config.maxStoredMessages);
  }, [key, conversationId, messages, config.maxStoredMessages]);

  const update = useCallback((id: string, change: (message: ChatMessage) => ChatMessage) => {
    setMessages((current) => current.map((message) => (message.id === id ? change(message) : message)));
  }, []);

  const ask = useCallback(
    async (
      question: string,
      options: { selection?: string; results?: string[]; history?: ChatMessage[] } = {},
    ) => {
      controller.current?.abort();
      const history = completedExchanges(options.history ?? latest.current).slice(-HISTORY_SENT);
      const user: ChatMessage = {
        id: newId(),
        role: 'user',
        text: question,
        sources: [],
        status: 'done',
        ...(options.selection ? { selection: options.selection } : {}),
      };
      const answer: ChatMessage = {
        id: newId(),
        role: 'assistant',
        text: '',
        sources: [],
        status: 'streaming',
      };
      setMessages([...(options.history ?? latest.current), user, answer]);
      const abort = new AbortController();
      controller.current = abort;
      const fail = (error: string) =>
        update(answer.id, (message) => ({ ...message, status: 'error', error }));
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        fail(
          translate({ id: 'theme.docent.error.offline', message: 'You are offline. Reconnect, then retry.' }),
        );
        return;
      }
      // The wire types are the protocol's (type-only: the widget bundles none of its validators).
      const body: ChatRequest = {
        id: conversationId,
        messages: [...history, user].map((message) => ({
          id: message.id,
          role: message.role,
          parts: [{ type: 'text', text: message.text }],
          ...(message.signature ? { metadata: { signature: message.signature } } : {}),
        })),
        context: {
          locale: i18n.currentLocale,
          path: window.location.pathname,
          ...(docsVersion() ? { version: docsVersion() } : {}),
          ...(options.selection ? { selection: options.selection } : {}),
          ...(options.results?.length ? { results: options.results.slice(0, 10) } : {}),
        },
      };
      let response: Response;
      try {
        response = await fetch(`${endpoint}/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
      } catch {
        if (abort.signal.aborted) return update(answer.id, (message) => ({ ...message, status: 'stopped' }));
        return fail(
          translate({
            id: 'theme.docent.error.unreachable',
            message: 'Cannot reach the assistant. Check your connection and retry.',
          }),
        );
      }
      if (!response.ok || !response.body) return fail(await failureText(response));
      try {
        await readStream(response.body, (part) => {
          if (part.type === 'start') {
            const { messageId } = part;
            if (messageId) update(answer.id, (message) => ({ ...message, answerId: messageId }));
          } else if (part.type === 'source-url') {
            const { url, title } = part;
            update(answer.id, (message) => ({
              ...message,
              sources: [...message.sources, { url, title: title ?? url }],
            }));
          } else if (part.type === 'text-delta') {
            const { delta } = part;
            update(answer.id, (message) => ({ ...message, text: message.text + delta }));
          } else if (part.type === 'tool-input-available') {
            const { toolCallId, toolName, input } = part;
            const words = (input as { query?: unknown; url?: unknown } | null) ?? {};
            const step = {
              id: toolCallId,
              tool: toolName,
              input: String(words.query ?? words.url ?? '').slice(0, 300),
              status: 'running' as const,
              found: 0,
            };
            update(answer.id, (message) => ({ ...message, steps: [...(message.steps ?? []), step] }));
          } else if (part.type === 'tool-output-available' || part.type === 'tool-output-error') {
            const found = part.type === 'tool-output-available' ? part.output.sources.length : 0;
            const status = part.type === 'tool-output-available' ? ('done' as const) : ('error' as const);
            update(answer.id, (message) => ({
              ...message,
              steps: (message.steps ?? []).map((step) =>
                step.id === part.toolCallId ? { ...step, status, found } : step,
              ),
            }));
          } else if (part.type === 'data-notice') {
            const { reason } = part.data;
            update(answer.id, (message) => ({ ...message, cutOff: reason }));
          } else if (part.type === 'data-answer') {
            const { declined } = part.data;
            update(answer.id, (message) => ({ ...message, declined }));
          } else if (part.type === 'finish') {
            const signature = (part.messageMetadata as { signature?: unknown } | undefined)?.signature;
            update(answer.id, (message) => ({
              ...message,
              status: 'done',
              ...(typeof signature === 'string' ? { signature } : {}),
            }));
          } else if (part.type === 'error') {
            fail(part.errorText);
          }
        });
        update(answer.id, (message) =>
          message.status === 'streaming' ? { ...message, status: 'done' } : message,
        );
      } catch {
        if (abort.signal.aborted) update(answer.id, (message) => ({ ...message, status: 'stopped' }));
        else
          fail(
            translate({
              id: 'theme.docent.error.interrupted',
              message: 'The answer was interrupted. Retry to ask again.',
            }),
          );
      }
    },
    [endpoint, i18n.currentLocale, update, conversationId],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  /** Asks the question behind an answer again, replacing that answer (and anything after it). */
  const retry = useCallback(
    (answerId: string) => {
      const index = latest.current.findIndex((message) => message.id === answerId);
      const question = latest.current[index - 1];
      if (index < 1 || question?.role !== 'user') return;
      void ask(question.text, {
        ...(question.selection ? { selection: question.selection } : {}),
        history: latest.current.slice(0, index - 1),
      });
    },
    [ask],
  );

  const clear = useCallback(() => {
    controller.current?.abort();
    setMessages([]);
    setConversationId(newChat().conversationId);
  }, []);

  const sendFeedback = useCallback(
    (answerId: string, rating: 'up' | 'down', reason?: string) => {
      const index = latest.current.findIndex((message) => message.id === answerId);
      update(answerId, (message) => {
        const { feedbackFailed: _, ...rest } = message;
        return { ...rest, feedback: rating };
      });
      // The reader is thanked only when the rating arrived; otherwise told, and free to rate again.
      const failed = () =>
        update(answerId, (message) => {
          const { feedback: _, ...rest } = message;
          return { ...rest, feedbackFailed: true };
        });
      void fetch(`${endpoint}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          // The service's id joins the rating to the logged question; older answers only have ours.
          messageId: latest.current[index]?.answerId ?? answerId,
          rating,
          ...(reason ? { reason } : {}),
          ...(latest.current[index - 1] ? { question: latest.current[index - 1]!.text.slice(0, 4000) } : {}),
          path: window.location.pathname,
        } satisfies Feedback),
      }).then((response) => {
        if (!response.ok) failed();
      }, failed);
    },
    [endpoint, update],
  );

  const streaming = messages.some((message) => message.status === 'streaming');
  return { messages, ask, stop, retry, clear, sendFeedback, streaming };
}
