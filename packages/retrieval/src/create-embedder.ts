import type { Embedder } from './embedder.js';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.js';

export type EmbedderConfig = { kind: 'none' } | ({ kind: 'openai' } & OpenAIEmbedderOptions);

/** `none` (sparse-only retrieval, the offline default) gives null; `openai` any OpenAI-compatible API. */
export function createEmbedder(config: EmbedderConfig): Embedder | null {
  if (config.kind === 'none') return null;
  return new OpenAIEmbedder(config);
}
