import { createHash } from 'node:crypto';
import type { Chunk } from '@docent/protocol';
import type { PageContent, Section } from './page-sections.js';
import { splitBlocks } from './split-blocks.js';

export const DEFAULT_MAX_TOKENS = 350;

export type PageIdentity = {
  /** Path relative to the docs root, forward slashes. */
  sourcePath: string;
  /** The page's permalink (absolute URL or site path), without hash. */
  pageUrl: string;
  locale: string;
  version: string;
};

export type PageChunks = { chunks: Chunk[]; warnings: string[] };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Anchor for a section: its own, else (when `knownAnchors` lacks it) the nearest known ancestor, else none. */
function resolveAnchor(section: Section, knownAnchors: Set<string> | undefined): string | null {
  if (section.anchor === null || !knownAnchors || knownAnchors.has(section.anchor)) return section.anchor;
  return [...section.ancestorAnchors].reverse().find((anchor) => knownAnchors.has(anchor)) ?? null;
}

/**
 * Turns a page's sections into chunks: each chunk's text starts with its breadcrumb ("Page > Section"),
 * ids are stable hashes of locale, version, source path, heading path and ordinal, `position` is the chunk's
 * place on the page, and `hash` covers everything a reader sees (text, URL, title, place) so any change
 * re-embeds the chunk.
 */
export function pageChunks(
  page: PageContent,
  identity: PageIdentity,
  options: { maxTokens?: number; knownAnchors?: Set<string> } = {},
): PageChunks {
  const chunks: Chunk[] = [];
  const warnings: string[] = [];
  const seenPaths = new Map<string, number>();
  let position = 0;
  for (const section of page.sections) {
    const isTop = section.anchor === null;
    const blocks = [...section.blocks];
    if (isTop) {
      const preface = [
        page.description,
        page.keywords.length > 0 ? `Keywords: ${page.keywords.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      if (preface) blocks.unshift({ text: preface, code: false });
    }
    if (blocks.length === 0) continue;
    const anchor = resolveAnchor(section, options.knownAnchors);
    if (anchor !== section.anchor) {
      warnings.push(
        `${identity.sourcePath}: heading "${section.headings.at(-1)}" has anchor #${section.anchor}, which the built page does not have; linking to ${anchor ? `#${anchor}` : 'the page top'} instead`,
      );
    }
    const url = anchor ? `${identity.pageUrl}#${anchor}` : identity.pageUrl;
    const breadcrumb = section.headings.join(' > ');
    const headingPath = section.headings.join('\n');
    const repeat = seenPaths.get(headingPath) ?? 0;
    seenPaths.set(headingPath, repeat + 1);
    splitBlocks(blocks, options.maxTokens ?? DEFAULT_MAX_TOKENS).forEach((body, ordinal) => {
      const text = `${breadcrumb}\n\n${body}`;
      chunks.push({
        id: sha256(
          [identity.locale, identity.version, identity.sourcePath, headingPath, `${repeat}:${ordinal}`].join(
            '\u0000',
          ),
        ).slice(0, 32),
        text,
        sourcePath: identity.sourcePath,
        headings: section.headings,
        url,
        title: page.title,
        locale: identity.locale,
        version: identity.version,
        // The position is hashed too: a chunk that moves on its page is written again with its new place.
        hash: sha256([text, url, page.title, position].join('\u0000')).slice(0, 32),
        position: position++,
      });
    });
  }
  return { chunks, warnings };
}
