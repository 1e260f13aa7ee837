import type { Embedder, IndexInfo } from '@docent/retrieval';

/**
 * When the service embeds questions with another model than the index was embedded with (or the index has
 * no vectors), their vectors do not compare: questions are searched lexically until the two match. The one
 * check `retrieve`, `/readyz` and the start-up log share.
 */
export function embedderMismatch(
  info: IndexInfo | null | undefined,
  embedder: Pick<Embedder, 'id'> | null,
): { index: string | null; service: string } | null {
  if (!embedder) return null;
  const index = info?.embedder?.id ?? null;
  return index === embedder.id ? null : { index, service: embedder.id };
}
