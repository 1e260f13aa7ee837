import { DENSE_VECTOR, querySparseVector, SPARSE_VECTOR, termIndex } from './qdrant-point.js';
import type { SearchQuery } from './store.js';

/** Payload fields the store indexes in every collection (keyword indexes: filters and scrolls). */
export const INDEXED_FIELDS = ['locale', 'version', 'path', 'chunk_id'] as const;

export type QdrantFilter = { must: { key: string; match: { value: string } }[] };

/** The request body that creates a collection: named sparse (idf) and, with an embedder, dense vectors. */
export function collectionRequest(name: string, dimensions: number, metadata: Record<string, unknown>) {
  return {
    collection_name: name,
    vectors: dimensions > 0 ? { [DENSE_VECTOR]: { size: dimensions, distance: 'Cosine' as const } } : {},
    sparse_vectors: { [SPARSE_VECTOR]: { modifier: 'idf' as const } },
    metadata,
  };
}

/** The locale and version filter of a search (undefined when it has neither). */
export function searchFilter(query: SearchQuery): QdrantFilter | undefined {
  const must = [
    ...(query.filter?.locale ? [{ key: 'locale', match: { value: query.filter.locale } }] : []),
    ...(query.filter?.version ? [{ key: 'version', match: { value: query.filter.version } }] : []),
  ];
  return must.length > 0 ? { must } : undefined;
}

/**
 * The Query API body of a search: the sparse (BM25) query alone, or, with a query vector, sparse and dense
 * prefetches fused by reciprocal rank fusion; `candidates` points each, with their payloads. Null when the
 * question has no indexed term and no vector (nothing to ask).
 */
export function searchRequest(
  queryTerms: string[],
  vector: number[] | undefined,
  filter: QdrantFilter | undefined,
  candidates: number,
) {
  const sparse = querySparseVector(queryTerms);
  if (sparse.indices.length === 0 && !vector) return null;
  const sparseQuery = {
    query: sparse,
    using: SPARSE_VECTOR,
    limit: candidates,
    ...(filter ? { filter } : {}),
  };
  if (!vector) return { ...sparseQuery, with_payload: true };
  return {
    prefetch: [
      ...(sparse.indices.length > 0 ? [sparseQuery] : []),
      { query: vector, using: DENSE_VECTOR, limit: candidates, ...(filter ? { filter } : {}) },
    ],
    query: { fusion: 'rrf' as const },
    limit: candidates,
    with_payload: true,
  };
}

/**
 * One batch request asking which of `terms` any point (in the filter's locale and version) has: a sparse
 * query on a term's dimension matches only points that contain it.
 */
export function presenceRequest(terms: string[], filter: QdrantFilter | undefined) {
  return {
    searches: terms.map((term) => ({
      query: { indices: [termIndex(term)], values: [1] },
      using: SPARSE_VECTOR,
      limit: 1,
      with_payload: false,
      ...(filter ? { filter } : {}),
    })),
  };
}
