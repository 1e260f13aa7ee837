import type { ChatRequest, Chunk } from '@docent/protocol';
import type { createApp } from '@docent/server';
import type { EvalCorpus } from './eval-corpora.js';
import type { EvalQuestion, RankedChunk } from './eval-question.js';
import { signedMessages } from './signed-messages.js';

/**
 * A question as the widget sends it to `POST /api/chat`: its history signed by `app`, and the version and
 * locale it is asked in as the request context.
 */
export function questionRequest(
  app: ReturnType<typeof createApp>,
  corpus: EvalCorpus,
  question: EvalQuestion,
  conversationId: string,
): ChatRequest {
  const context = {
    ...(question.version ? { version: question.version } : {}),
    ...(corpus.locale ? { locale: corpus.locale } : {}),
  };
  return {
    id: conversationId,
    messages: signedMessages(app, conversationId, question),
    ...(Object.keys(context).length > 0 ? { context } : {}),
  } as ChatRequest;
}

/** What the questions' paths put before a chunk's path: the prefix of the folder it was indexed from. */
export function folderPrefix(corpus: EvalCorpus): (chunk: Chunk) => string {
  const prefixOf = new Map(corpus.folders.map((f) => [`${f.locale}\u0000${f.version}`, f.prefix]));
  return (chunk) => prefixOf.get(`${chunk.locale}\u0000${chunk.version}`) ?? '';
}

/** A chunk as the questions name sections: its path relative to the corpus (the folder's prefix first). */
export function corpusPaths(corpus: EvalCorpus): (chunk: Chunk) => RankedChunk {
  const prefixIn = folderPrefix(corpus);
  return (chunk) => ({ sourcePath: `${prefixIn(chunk)}${chunk.sourcePath}`, headings: chunk.headings });
}
