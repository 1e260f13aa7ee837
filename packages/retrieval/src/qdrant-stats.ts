import type { QdrantClient } from '@qdrant/js-client-rest';
import type { IndexInfo, StoreStats } from './store.js';

/**
 * A collection's stats read from Qdrant: its point count, its locales and versions (exact facets) and the
 * index info Docent recorded in its metadata. Four requests, each through `call` (retries, typed errors).
 */
export async function readCollectionStats(
  client: QdrantClient,
  alias: string,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): Promise<StoreStats> {
  const collection = await call(() => client.getCollection(alias));
  const facet = async (key: string) =>
    (await call(() => client.facet(alias, { key, limit: 1000, exact: true }))).hits
      .map((hit) => String(hit.value))
      .sort();
  const metadata = (collection.config as { metadata?: { docent?: IndexInfo } }).metadata;
  return {
    chunks: collection.points_count ?? 0,
    locales: await facet('locale'),
    versions: await facet('version'),
    info: metadata?.docent ?? null,
  };
}
