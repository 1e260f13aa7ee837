import { z } from 'zod';

/** One retrievable piece of a page: a section (or part of one) with its breadcrumb and exact link. */
export const chunkSchema = z.object({
  /** Stable hash of source path + heading path + ordinal. */
  id: z.string().min(1),
  /** Text that is searched and quoted; starts with the breadcrumb "Page > Section". */
  text: z.string(),
  /** Path of the source file relative to the docs root, with forward slashes. */
  sourcePath: z.string().min(1),
  /** Heading texts from the page title down to the chunk's own heading. */
  headings: z.array(z.string()),
  /** Permalink plus `#anchor` (no anchor for the page top). */
  url: z.string().min(1),
  title: z.string(),
  locale: z.string().min(1),
  version: z.string().min(1),
  /** Hash of the chunk's text and metadata; equal hashes keep their vectors on re-index. */
  hash: z.string().min(1),
  /** Where the chunk is on its page (0 first), so a page can be read back in order; absent in older indexes. */
  position: z.number().int().min(0).optional(),
});

export type Chunk = z.infer<typeof chunkSchema>;

/** A chunk as stored: with its dense vector when an embedder was configured. */
export type StoredChunk = Chunk & { vector?: number[] };

/** The default locale and version used when a folder has no Docusaurus versioning or i18n. */
export const DEFAULT_LOCALE = 'en';
export const DEFAULT_VERSION = 'current';
