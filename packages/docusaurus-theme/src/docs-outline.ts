import { join } from 'node:path';
import type { LoadedPlugin } from '@docusaurus/types';
import { contentRelative, siteRelative } from './source-paths.js';

/** One page the build lists and copies as markdown. */
export type OutlinePage = {
  title: string;
  description?: string;
  permalink: string;
  /** The source file, absolute. */
  file: string;
  /** The source path relative to its version's content folder (what relative `.md` links are written against). */
  contentPath: string;
  /** Blog posts: the line under the title, with the post's date and authors as Docusaurus read them. */
  byline?: string;
};

export type OutlineSection = { heading: string; pages: OutlinePage[] };

/** Every page of a version, in sidebar order (pages in no sidebar last). */
export function versionPages(version: VersionOutline): OutlinePage[] {
  return version.sections.flatMap((section) => section.pages);
}

/** One docs version of one docs plugin, its pages grouped as its sidebar groups them. */
export type VersionOutline = {
  versionName: string;
  label: string;
  /** The version's root path, e.g. `/docs/` or `/fr/docs/0.1`. */
  path: string;
  isLast: boolean;
  sections: OutlineSection[];
};

export type SiteOutline = { versions: VersionOutline[]; blog: OutlinePage[] };

type DocMetadata = {
  id: string;
  source: string;
  permalink: string;
  title: string;
  description?: string;
  unlisted?: boolean;
  draft?: boolean;
};
type SidebarItem = {
  type: string;
  id?: string;
  label?: string;
  items?: SidebarItem[];
  link?: { type: string; id?: string };
};
type LoadedVersion = {
  versionName: string;
  label: string;
  path: string;
  isLast: boolean;
  contentPath: string;
  contentPathLocalized?: string;
  docs: DocMetadata[];
  sidebars?: Record<string, SidebarItem[]>;
};
type BlogPost = {
  metadata: Omit<DocMetadata, 'id'> & {
    date?: Date | string;
    authors?: { name?: string; key?: string | null }[];
  };
};

/** "Published 2024-05-01 by Ada Lovelace and Grace Hopper": a post's date and authors, for its markdown copy. */
export function blogByline(metadata: BlogPost['metadata']): string | undefined {
  const date = metadata.date ? new Date(metadata.date).toISOString().slice(0, 10) : '';
  const names = (metadata.authors ?? []).flatMap((author) => author.name ?? author.key ?? []);
  const by = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  if (!date && !by) return undefined;
  return [date ? `Published ${date}` : 'Written', by ? `by ${by}` : ''].filter(Boolean).join(' ');
}

function listed(doc: { unlisted?: boolean; draft?: boolean }): boolean {
  return !doc.unlisted && !doc.draft;
}

function versionOutline(siteDir: string, version: LoadedVersion): VersionOutline {
  const pages = new Map<string, OutlinePage>();
  for (const doc of version.docs) {
    if (!listed(doc)) continue;
    const sourcePath = siteRelative(siteDir, doc.source);
    pages.set(doc.id, {
      title: doc.title,
      ...(doc.description ? { description: doc.description } : {}),
      permalink: doc.permalink,
      file: join(siteDir, sourcePath),
      contentPath: contentRelative(siteDir, sourcePath, [version.contentPathLocalized, version.contentPath]),
    });
  }
  const used = new Set<string>();
  const take = (id: string | undefined, into: OutlinePage[]) => {
    const page = id === undefined ? undefined : pages.get(id);
    if (page && !used.has(id!)) {
      used.add(id!);
      into.push(page);
    }
  };
  const collect = (items: SidebarItem[], into: OutlinePage[]) => {
    for (const item of items) {
      if (item.type === 'doc' || item.type === 'ref') take(item.id, into);
      if (item.type === 'category') {
        if (item.link?.type === 'doc') take(item.link.id, into);
        collect(item.items ?? [], into);
      }
    }
  };
  const sections: OutlineSection[] = [];
  const sidebars = Object.values(version.sidebars ?? {});
  for (const items of sidebars) {
    // Pages at a sidebar's top level share one section; each top-level category is a section of its own.
    let loose: OutlineSection | null = null;
    for (const item of items) {
      if (item.type === 'category') {
        const section: OutlineSection = { heading: item.label ?? 'Docs', pages: [] };
        if (item.link?.type === 'doc') take(item.link.id, section.pages);
        collect(item.items ?? [], section.pages);
        sections.push(section);
        loose = null;
      } else {
        if (!loose) {
          loose = { heading: 'Docs', pages: [] };
          sections.push(loose);
        }
        collect([item], loose.pages);
      }
    }
  }
  const others = [...pages.keys()].filter((id) => !used.has(id)).map((id) => pages.get(id)!);
  if (others.length > 0)
    sections.push({ heading: sidebars.length > 0 ? 'Other pages' : 'Docs', pages: others });
  const nonEmpty = sections.filter((section) => section.pages.length > 0);
  return {
    versionName: version.versionName,
    label: version.label,
    path: version.path,
    isLast: version.isLast,
    sections: nonEmpty,
  };
}

/**
 * What this locale's build has for readers that are programs: every docs version of every docs plugin, its
 * pages in sidebar order under the sidebar's top-level categories, and the blog posts. Drafts and unlisted
 * pages are left out.
 */
export function siteOutline(siteDir: string, plugins: readonly LoadedPlugin[]): SiteOutline {
  const versions: VersionOutline[] = [];
  const blog: OutlinePage[] = [];
  for (const plugin of plugins) {
    if (plugin.name === 'docusaurus-plugin-content-docs') {
      const content = plugin.content as { loadedVersions?: LoadedVersion[] } | undefined;
      for (const version of content?.loadedVersions ?? []) versions.push(versionOutline(siteDir, version));
    }
    if (plugin.name === 'docusaurus-plugin-content-blog') {
      const content = plugin.content as { blogPosts?: BlogPost[] } | undefined;
      for (const { metadata } of content?.blogPosts ?? []) {
        if (!listed(metadata)) continue;
        const sourcePath = siteRelative(siteDir, metadata.source);
        blog.push({
          title: metadata.title,
          ...(metadata.description ? { description: metadata.description } : {}),
          permalink: metadata.permalink,
          file: join(siteDir, sourcePath),
          contentPath: sourcePath,
          ...(blogByline(metadata) ? { byline: blogByline(metadata)! } : {}),
        });
      }
    }
  }
  return { versions, blog };
}
