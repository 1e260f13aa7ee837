import { translate } from '@docusaurus/Translate';

/** The widget's conversation state and how it is kept in the reader's browser. */
export type Source = { url: string; title: string };
/** A step of agentic retrieval: the model searched for (or read) `input`, and found `found` sections. */
export type ChatStep = {
  id: string;
  tool: string;
  input: string;
  status: 'running' | 'done' | 'error';
  found: number;
};

export type ChatMessage = {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  sources: Source[];
  status: 'streaming' | 'done' | 'error' | 'stopped';
  error?: string;
  declined?: boolean;
  signature?: string;
  selection?: string;
  feedback?: 'up' | 'down';
  /** The rating could not be sent: the reader is told, and may rate again. */
  feedbackFailed?: boolean;
  /** The service's id for this answer (the stream's `start` part): feedback names it. */
  answerId?: string;
  /** Why the answer was cut off (the stream's `data-notice` part), when it was. */
  cutOff?: string;
  /** The searches and reads the model made itself before answering. */
  steps?: ChatStep[];
};

/** A conversation: its id (the service binds its signatures to it) and its messages. */
export type Chat = { conversationId: string; messages: ChatMessage[] };

/** Bumped when the stored shape changes; older or unknown shapes are dropped, never misread. */
export const STORAGE_VERSION = 2;
const MAX_STORED_BYTES = 100_000;
const STATUSES = new Set(['streaming', 'done', 'error', 'stopped']);

export function storageKey(url: string, baseUrl: string) {
  return `docent:chat:${url}${baseUrl}`;
}

export function newId() {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

export function newChat(): Chat {
  return { conversationId: newId(), messages: [] };
}

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/** A stored message, if it has the shape the widget renders (anything else in storage is dropped). */
function validMessage(value: unknown): ChatMessage | null {
  if (!value || typeof value !== 'object') return null;
  const message = value as Record<string, unknown>;
  if (typeof message.id !== 'string' || typeof message.text !== 'string') return null;
  if (message.role !== 'user' && message.role !== 'assistant') return null;
  if (!STATUSES.has(message.status as string)) return null;
  if (!Array.isArray(message.sources)) return null;
  const sources = message.sources.filter(
    (source): source is Source =>
      !!source && typeof (source as Source).url === 'string' && typeof (source as Source).title === 'string',
  );
  if (
    ![message.error, message.signature, message.selection, message.answerId, message.cutOff].every(
      optionalString,
    ) ||
    !(message.steps === undefined || Array.isArray(message.steps)) ||
    !(message.feedback === undefined || message.feedback === 'up' || message.feedback === 'down')
  )
    return null;
  const steps = ((message.steps as unknown[] | undefined) ?? []).filter(
    (step): step is ChatStep =>
      !!step &&
      typeof (step as ChatStep).id === 'string' &&
      typeof (step as ChatStep).tool === 'string' &&
      typeof (step as ChatStep).input === 'string' &&
      typeof (step as ChatStep).found === 'number' &&
      ['running', 'done', 'error'].includes((step as ChatStep).status),
  );
  const valid = { ...(message as ChatMessage), sources, ...(message.steps ? { steps } : {}) };
  // An answer that was streaming when the page went away did not finish.
  return valid.status === 'streaming' ? { ...valid, status: 'stopped' } : valid;
}

/** The conversation kept for this site, validated; a fresh one when there is none or it cannot be read. */
export function loadChat(key: string): Chat {
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) ?? 'null') as {
      version?: unknown;
      conversationId?: unknown;
      messages?: unknown;
    } | null;
    if (
      !saved ||
      saved.version !== STORAGE_VERSION ||
      typeof saved.conversationId !== 'string' ||
      !Array.isArray(saved.messages)
    )
      return newChat();
    const messages = saved.messages.map(validMessage);
    // One unreadable message breaks the question/answer pairing: start over rather than misattribute.
    if (messages.some((message) => message === null)) return newChat();
    return { conversationId: saved.conversationId, messages: messages as ChatMessage[] };
  } catch {
    return newChat();
  }
}

/** Keeps at most `limit` messages (0: nothing) and 100 kB, dropping the oldest question-and-answer pairs. */
export function saveChat(key: string, chat: Chat, limit: number) {
  let kept = limit > 0 ? chat.messages.slice(-limit) : [];
  const json = (messages: ChatMessage[]) =>
    JSON.stringify({ version: STORAGE_VERSION, conversationId: chat.conversationId, messages });
  while (kept.length > 0 && json(kept).length > MAX_STORED_BYTES) kept = kept.slice(2);
  try {
    if (kept.length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, json(kept));
  } catch {
    // Storage full or disabled: the chat still works, it just is not remembered.
  }
}

/** The question-and-answer pairs whose answer finished: what the server may use as conversation. */
export function completedExchanges(messages: ChatMessage[]): ChatMessage[] {
  return messages.flatMap((message, index) => {
    const answer = messages[index + 1];
    return message.role === 'user' && answer?.role === 'assistant' && answer.status === 'done'
      ? [message, answer]
      : [];
  });
}

export function docsVersion(): string | undefined {
  return /(?:^|\s)docs-version-(\S+)/.exec(document.documentElement.className)?.[1];
}

/** What to tell the reader about a refused request, from the service's own message where it has one. */
export async function failureText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  const detail = body?.error?.message;
  if (response.status === 429) {
    const wait = response.headers.get('retry-after') ?? '?';
    return translate(
      {
        id: 'theme.docent.error.rateLimited',
        message: 'Too many questions right now. Try again in {seconds} s.',
      },
      { seconds: wait },
    );
  }
  if (response.status === 503) {
    return `${translate({ id: 'theme.docent.error.unavailable', message: 'The assistant is temporarily unavailable.' })}${detail ? ` ${detail}` : ''}`;
  }
  return (
    detail ??
    translate(
      { id: 'theme.docent.error.generic', message: 'Something went wrong ({status}).' },
      { status: response.status },
    )
  );
}
