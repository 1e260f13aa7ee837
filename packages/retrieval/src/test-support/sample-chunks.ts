import { createHash } from 'node:crypto';
import type { StoredChunk } from '@docent/protocol';

type Section = { path: string; headings: string[]; anchor: string; body: string };

const SECTIONS: Section[] = [
  {
    path: 'installation.md',
    headings: ['Installation', 'Requirements'],
    anchor: 'requirements',
    body: 'You need Node.js version 20 or above. Check it with node -v.',
  },
  {
    path: 'installation.md',
    headings: ['Installation', 'Scaffold a project'],
    anchor: 'scaffold-a-project',
    body: 'Run npx create-docusaurus@latest my-website classic to scaffold a new site.',
  },
  {
    path: 'deployment.md',
    headings: ['Deployment', 'Deploying to GitHub Pages'],
    anchor: 'deploying-to-github-pages',
    body: 'Set organizationName and projectName in docusaurus.config.js, then run the deploy command with GIT_USER.',
  },
  {
    path: 'deployment.md',
    headings: ['Deployment', 'Trailing slashes'],
    anchor: 'trailing-slashes',
    body: 'The trailingSlash option controls whether URLs end with a slash; hosts differ in how they serve them.',
  },
  {
    path: 'configuration.md',
    headings: ['Configuration', 'Site metadata'],
    anchor: 'site-metadata',
    body: 'The baseUrl and url fields tell Docusaurus where the site is served. baseUrl must start and end with a slash.',
  },
  {
    path: 'search.md',
    headings: ['Search', 'Algolia DocSearch'],
    anchor: 'algolia-docsearch',
    body: 'Add your appId, apiKey and indexName to themeConfig.algolia to enable DocSearch.',
  },
  {
    path: 'cli.md',
    headings: ['CLI', 'docusaurus start'],
    anchor: 'docusaurus-start',
    body: 'Starts the development server. Use --port to choose the port, default 3000, and --host to bind.',
  },
  {
    path: 'styling.md',
    headings: ['Styling', 'Dark mode'],
    anchor: 'dark-mode',
    body: 'Infima supports a dark colour mode; set colorMode.defaultMode to dark or respect the system preference.',
  },
];

export type SampleOptions = { locale?: string; version?: string; marker?: string; dimensions?: number };

/** A small docs-like index: one chunk per section, deterministic ids, optional toy dense vectors. */
export function sampleChunks(options: SampleOptions = {}): StoredChunk[] {
  const locale = options.locale ?? 'en';
  const version = options.version ?? 'current';
  const onPage = new Map<string, number>();
  return SECTIONS.map((section, position) => {
    const place = onPage.get(section.path) ?? 0;
    onPage.set(section.path, place + 1);
    const text = `${section.headings.join(' > ')}\n\n${section.body}${options.marker ? ` ${options.marker}` : ''}`;
    const base = version === 'current' ? '/docs' : `/docs/${version}`;
    const prefix = locale === 'en' ? '' : `/${locale}`;
    const chunk: StoredChunk = {
      id: hash(`${locale}/${version}/${section.path}#${section.anchor}`).slice(0, 32),
      text,
      sourcePath: section.path,
      headings: section.headings,
      url: `${prefix}${base}/${section.path.replace(/\.md$/, '')}#${section.anchor}`,
      title: section.headings[0]!,
      locale,
      version,
      hash: hash(text),
      position: place,
    };
    if (options.dimensions) chunk.vector = toyVector(position, options.dimensions);
    return chunk;
  });
}

/** A unit vector pointing mostly along axis `position` (mod dimensions). */
export function toyVector(position: number, dimensions: number): number[] {
  return Array.from({ length: dimensions }, (_, axis) => (axis === position % dimensions ? 1 : 0.01));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
