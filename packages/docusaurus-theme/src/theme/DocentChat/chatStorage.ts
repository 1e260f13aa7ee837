import { translate } from '@docusaurus/Translate';

/** The widget's conversation state and how it is kept in the reader's browser. */
export type Source = { url: string; title: string };

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
  /** The service's id for this answer (the stream's `start` part): feedback names it. */
  answerId?: string;
};

const MAX_STORED_BYTES = 100_000;

export function storageKey(url: string, baseUrl: string) {
  return `docent:chat:${url}${baseUrl}`;
}

export function load(key: string): ChatMessage[] {
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) ?? '[]') as ChatMessage[];
    return Array.isArray(saved)
      ? saved.map((message) => (message.status === 'streaming' ? { ...message, status: 'stopped' } : message))
      : [];
  } catch {
    return [];
  }
}

export function save(key: string, messages: ChatMessage[], limit: number) {
  let kept = messages.slice(-limit);
  let json = JSON.stringify(kept);
  while (json.length > MAX_STORED_BYTES && kept.length > 0) {
    kept = kept.slice(2);
    json = JSON.stringify(kept);
  }
  try {
    if (kept.length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, json);
  } catch {
    // Storage full or disabled: the chat still works, it just is not remembered.
  }
}

export function newId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
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
