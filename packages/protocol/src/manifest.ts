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
});

/** `build/docent-manifest.json`: every doc and blog route of a built site, written at postBuild. */
export const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  siteUrl: z.string(),
  baseUrl: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  routes: z.array(manifestRouteSchema),
});

export type ManifestHeading = z.infer<typeof manifestHeadingSchema>;
export type ManifestRoute = z.infer<typeof manifestRouteSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE_NAME = 'docent-manifest.json';
