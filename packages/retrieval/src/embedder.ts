/** Turns texts into dense vectors. `null` embedder means sparse-only retrieval. */
export interface Embedder {
  /** Identifies the model, e.g. `openai:text-embedding-3-small`; an index remembers which one made it. */
  readonly id: string;
  /** Vector length; known after the first call when the API decides it. */
  dimensions(): Promise<number>;
  /** Embeds texts in the given order; `kind` lets asymmetric models treat queries differently. */
  embed(texts: string[], kind: 'document' | 'query', signal?: AbortSignal): Promise<number[][]>;
  /** How many embedding API requests this embedder has made (the indexer reports it). */
  readonly calls: number;
}
