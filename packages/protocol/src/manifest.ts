import { z } from 'zod';

export const manifestHeadingSchema = z.object({
  /** Heading level, 2..6 (the page title is the route's `title`). */
  depth: z.number().int().min(1).max(6),
  /** Heading text as rendered (markdown stripped). */
  text: z.string(),
  /** Anchor id exactly as Docusaurus renders it. */
  id: z.string().min(1),
});

export const manifestRouteSchema = z.object({
  /** Source file relative to the site directory, e.g. `docs/intro.md` or `i18n/fr/.../intro.md`. */
  sourcePath: z.string().min(1),
  /** Path relative to the content root (what chunks call `sourcePath`), e.g. `intro.md`. */
  contentPath: z.string().min(1),
  permalink: z.string().startsWith('/'),
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(['doc', 'blog']),
  version: z.string().min(1),
  locale: z.string().min(1),
  headings: z.array(manifestHeadingSchema),
  /** The page's front matter as Docusaurus read it (`format`, `slug`, `tags`, ...). */
  frontMatter: z.record(z.string(), z.unknown()).optional(),
  /** Blog posts: the post's date (ISO 8601), its authors' names and its tags' labels, as Docusaurus read them. */
  date: z.string().optional(),
  authors: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

/** One version of a docs plugin, as Docusaurus loaded it (`loadedVersions`). */
export const manifestVersionSchema = z.object({
  /** `versionName`: `current` for the docs folder, else the name in `versions.json`. */
  name: z.string().min(1),
  /** The label readers see in the version dropdown. */
  label: z.string(),
  /** The version's URL path, e.g. `/docs/` or `/docs/next`. */
  path: z.string(),
  /** Whether this is Docusaurus's `lastVersion` (`isLast`): the one readers get at the docs root. */
  isDefault: z.boolean(),
});

/** A docs plugin instance and its versions. */
export const manifestDocsPluginSchema = z.object({
  pluginId: z.string(),
  versions: z.array(manifestVersionSchema),
});

/** `build/docent-manifest.json`: every doc and blog route of a built site, written at postBuild. */
export const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  siteUrl: z.string(),
  baseUrl: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  routes: z.array(manifestRouteSchema),
  /** Each docs plugin's versions (absent in manifests from before 0.2). */
  docs: z.array(manifestDocsPluginSchema).optional(),
  /** The docs version readers get at the docs root: the default docs plugin's `lastVersion`. */
  defaultVersion: z.string().optional(),
  /** `siteConfig.markdown.format`: how Docusaurus parses `.md` files (`mdx` by default in v3). */
  markdownFormat: z.enum(['mdx', 'md', 'detect']).optional(),
  /** `siteConfig.trailingSlash`: true adds a slash to every page URL, false removes it, absent leaves it. */
  trailingSlash: z.boolean().optional(),
});

export type ManifestHeading = z.infer<typeof manifestHeadingSchema>;
export type ManifestRoute = z.infer<typeof manifestRouteSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestVersion = z.infer<typeof manifestVersionSchema>;
export type MarkdownFormat = NonNullable<Manifest['markdownFormat']>;

export const MANIFEST_FILE_NAME = 'docent-manifest.json';

/**
 * Where the theme writes the manifests, relative to the site folder: Docusaurus's generated-files folder
 * (`.docusaurus`), not the build, so the manifest (with its source paths) is never published with the site.
 * The default locale's is `<MANIFEST_DIR>/docent-manifest.json`, another locale's `<MANIFEST_DIR>/<locale>/…`.
 */
export const MANIFEST_DIR = '.docusaurus/docent';

/**
 * The `version` blog chunks carry: the blog is its own kind of source, never a docs version. Docusaurus
 * forbids a slash in version names, so no docs version can have this name.
 */
export const BLOG_VERSION = '/blog';

/** Whether a chunk (or stored version name) is from the blog rather than a docs version. */
export function isBlogVersion(version: string): boolean {
  return version === BLOG_VERSION;
}
