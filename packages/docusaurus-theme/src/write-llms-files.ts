import { mkdir } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, posix, relative } from 'node:path';
import {
  applyTrailingSlash,
  isWithin,
  type MarkdownNode,
  pageMarkdown,
  pageSummary,
  parseMarkdown,
  partialResolver,
  RefusedFileError,
  readFileWithin,
} from '@docent/markdown';
import { siteLink } from '@docent/protocol/site-link';
import type { LoadedPlugin, Props } from '@docusaurus/types';
import { isExcludedRoute, markdownTwinPath } from './client/markdown-twin.js';
import { type OutlinePage, siteOutline, type VersionOutline, versionPages } from './docs-outline.js';
import { type LlmsLink, renderLlmsTxt } from './llms-txt.js';
import type { DocentThemeConfig } from './theme-config-defaults.js';
import { writeOwnFile } from './write-own-file.js';

export type LlmsFilesResult = {
  /** Files written, relative to the build folder, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  /** Markdown copies of pages written. */
  pages: number;
  /** Pages whose markdown could not be made (their HTML page is listed instead), with why. */
  failures: string[];
  /** Files already in the build folder (from another plugin or `static/`) left as they were (`existingFiles`). */
  kept: string[];
};

const EXTERNAL = /^([a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * The URL a link or image in a page's markdown copy carries, resolved the way Docusaurus resolves it on the
 * page: `./other.md#x` to that page's permalink, `/docs/x` under the locale's base URL, `#x` on the page.
 * Relative images are renamed by the build, so they keep only their alt text.
 */
function urlResolver(
  page: OutlinePage,
  permalinks: Map<string, string>,
  siteUrl: string,
  baseUrl: string,
  /** A permalink as the site links it (its `trailingSlash` applied). */
  link: (permalink: string) => string,
) {
  const pageUrl = new URL(link(page.permalink), siteUrl);
  return (target: string, kind: 'link' | 'image'): string | null => {
    if (!target) return null;
    if (EXTERNAL.test(target)) return /^(https?|mailto):|^\/\//i.test(target) ? target : null;
    if (target.startsWith('#')) return new URL(target, pageUrl).href;
    if (target.startsWith('/')) {
      const path =
        baseUrl === '/' || target.startsWith(baseUrl) ? target : `${baseUrl.replace(/\/$/, '')}${target}`;
      return new URL(path, siteUrl).href;
    }
    if (kind === 'image') return null;
    const [path = '', hash] = target.split('#');
    if (/\.mdx?$/i.test(path)) {
      let decoded = path;
      try {
        decoded = decodeURI(path);
      } catch {}
      const permalink = permalinks.get(posix.normalize(posix.join(posix.dirname(page.contentPath), decoded)));
      return permalink ? `${new URL(link(permalink), siteUrl).href}${hash ? `#${hash}` : ''}` : null;
    }
    return new URL(target, pageUrl).href;
  };
}

type Rendered = { page: OutlinePage; markdown: string | null; summary?: string };

/**
 * Writes what this locale's build offers readers that are programs (IDE agents, chatbots), as llmstxt.org
 * describes: a markdown copy of every doc page and blog post at its URL plus `.md`; `llms.txt` (the site's
 * H1, a summary, one section per top-level sidebar category, older versions, other locales and the blog
 * under `## Optional`) and `llms-full.txt` (every page's markdown) at the site root for the current docs
 * and at each older version's root. A page that cannot be read is reported and listed by its HTML URL.
 */
export async function writeLlmsFiles(
  props: Pick<Props, 'siteDir' | 'outDir' | 'siteConfig' | 'baseUrl' | 'i18n' | 'plugins'>,
  options: DocentThemeConfig['llms'],
): Promise<LlmsFilesResult> {
  const result: LlmsFilesResult = { files: [], pages: 0, failures: [], kept: [] };
  if (!options.llmsTxt && !options.llmsFullTxt && !options.markdownPages) return result;
  const { siteDir, outDir, siteConfig, baseUrl, i18n } = props;
  const siteUrl = siteConfig.url;
  const absolute = (path: string) => new URL(path, siteUrl).href;
  // Page URLs as Docusaurus links them (`trailingSlash`); markdown copies stay at `<permalink>.md`.
  const pageLink = (permalink: string) =>
    applyTrailingSlash(permalink, { trailingSlash: siteConfig.trailingSlash, baseUrl });
  const outline = siteOutline(siteDir, props.plugins as LoadedPlugin[]);
  const included = (page: OutlinePage) => !isExcludedRoute(page.permalink, baseUrl, options.exclude);
  const write = async (path: string, text: string) => {
    const file = join(outDir, path);
    // Nothing is written outside the build folder, whatever a slug says (`slug: ../../../../elsewhere/x`).
    const inside = relative(outDir, file);
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new RefusedFileError(`its URL would write ${path} outside the build folder: not written`);
    await mkdir(dirname(file), { recursive: true });
    if (!isWithin(dirname(file), outDir))
      throw new RefusedFileError(`${path} is in a link out of the build folder: not written`);
    const written = relative(outDir, file).split('\\').join('/');
    if (await writeOwnFile(file, text, options.existingFiles ?? 'keep'))
      result.files.push({ path: written, bytes: Buffer.byteLength(text) });
    else result.kept.push(written);
  };
  const outPath = (permalink: string) =>
    permalink.startsWith(baseUrl) ? permalink.slice(baseUrl.length) : permalink.replace(/^\//, '');

  const partials = new Map<string, MarkdownNode[]>();
  // As Docusaurus parses the page: the site's `markdown.format` (`mdx` unless set), then its front matter.
  const markdownFormat = siteConfig.markdown?.format ?? 'mdx';
  const render = async (page: OutlinePage, permalinks: Map<string, string>): Promise<Rendered> => {
    try {
      const parsed = parseMarkdown(readFileWithin(page.file, siteDir), extname(page.file), markdownFormat);
      const markdown = pageMarkdown(parsed, {
        fallbackTitle: page.title,
        url: absolute(pageLink(page.permalink)),
        ...(page.byline ? { byline: page.byline } : {}),
        resolveUrl: urlResolver(page, permalinks, siteUrl, baseUrl, pageLink),
        partial: partialResolver(
          parsed.tree,
          page.file,
          partials,
          (path, error) =>
            result.failures.push(
              `${relative(siteDir, page.file)}: the partial ${relative(siteDir, path)} could not be read (${error.message}); left out`,
            ),
          { siteDir, markdownFormat, root: siteDir },
        ),
      });
      if (options.markdownPages) {
        await write(outPath(markdownTwinPath(page.permalink)), markdown);
        result.pages++;
      }
      return { page, markdown, summary: pageSummary(parsed, i18n.currentLocale) };
    } catch (error) {
      const place = error as { line?: number; column?: number; message?: string };
      const where = place.line ? `:${place.line}:${place.column ?? 1}` : '';
      result.failures.push(`${relative(siteDir, page.file)}${where}: ${place.message ?? String(error)}`);
      return { page, markdown: null };
    }
  };

  const versions: { version: VersionOutline; rendered: Rendered[] }[] = [];
  for (const version of outline.versions) {
    const pages = versionPages(version);
    const permalinks = new Map(pages.map((page) => [page.contentPath, page.permalink]));
    const rendered: Rendered[] = [];
    for (const page of pages.filter(included)) rendered.push(await render(page, permalinks));
    versions.push({ version, rendered });
  }
  const blog: Rendered[] = [];
  for (const post of outline.blog.filter(included)) blog.push(await render(post, new Map()));
  if (!options.llmsTxt && !options.llmsFullTxt) return result;

  // The one link policy: a page whose URL would leave the site (`slug: '\\evil.example'`) is not listed.
  const link = ({ page, markdown, summary }: Rendered): LlmsLink[] => {
    const url = siteLink(
      markdown !== null && options.markdownPages
        ? markdownTwinPath(page.permalink)
        : pageLink(page.permalink),
      siteUrl,
    );
    if (!url) return [];
    return [
      {
        title: page.title,
        url,
        ...(summary || page.description ? { notes: summary || page.description } : {}),
      },
    ];
  };
  const rootOf = (version: VersionOutline) =>
    version.isLast ? '' : `${outPath(version.path).replace(/\/?$/, '/')}`;
  const title = options.title ?? siteConfig.title;
  const siteSummary = options.description ?? siteConfig.tagline;
  const locales = i18n.locales.length > 1 ? i18n.locales : [];
  const localeLabel = (locale: string) => i18n.localeConfigs[locale]?.label ?? locale;
  const otherLocales: LlmsLink[] = locales
    .filter((locale) => locale !== i18n.currentLocale)
    .map((locale) => {
      const config = i18n.localeConfigs[locale] as
        | { url?: string; baseUrl?: string; path?: string }
        | undefined;
      const localeBase =
        config?.baseUrl ??
        (locale === i18n.defaultLocale
          ? siteConfig.baseUrl
          : `${siteConfig.baseUrl}${config?.path ?? locale}/`);
      return {
        title: localeLabel(locale),
        url: new URL(`${localeBase.replace(/\/?$/, '/')}llms.txt`, config?.url ?? siteUrl).href,
        notes: `these docs in ${localeLabel(locale)}`,
      };
    });

  // The current docs of every docs plugin share the site root; each older version has its own root.
  const roots = new Map<string, { versions: typeof versions; current: boolean }>();
  for (const entry of versions) {
    const root = rootOf(entry.version);
    const group = roots.get(root) ?? { versions: [], current: entry.version.isLast };
    group.versions.push(entry);
    roots.set(root, group);
  }
  if (!roots.has('') && (blog.length > 0 || versions.length === 0))
    roots.set('', { versions: [], current: true });

  for (const [root, group] of roots) {
    const labels = [...new Set(group.versions.map(({ version }) => version.label))].join(', ');
    const details = [
      [
        `The ${labels ? `${labels} ` : ''}documentation of ${title}${locales.length > 0 ? `, in ${localeLabel(i18n.currentLocale)}` : ''}.`,
        options.markdownPages ? 'Each link is the page as markdown.' : '',
        options.llmsFullTxt ? `Every page in one file: ${absolute(`${baseUrl}${root}llms-full.txt`)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    ];
    const rendered = group.versions.flatMap((entry) => entry.rendered);
    const byPermalink = new Map(rendered.map((entry) => [entry.page.permalink, entry]));
    const sections = group.versions.flatMap(({ version }) =>
      version.sections.map((section) => ({
        heading: section.heading,
        links: section.pages.flatMap((page) => {
          const entry = byPermalink.get(page.permalink);
          return entry ? link(entry) : [];
        }),
      })),
    );
    const optional: LlmsLink[] = [];
    for (const [otherRoot, other] of roots) {
      if (otherRoot === root) continue;
      const otherLabels = [...new Set(other.versions.map(({ version }) => version.label))].join(', ');
      optional.push({
        title: other.current
          ? `Current docs${otherLabels ? ` (${otherLabels})` : ''}`
          : `Docs ${otherLabels}`,
        url: absolute(`${baseUrl}${otherRoot}llms.txt`),
        notes: other.current ? 'the docs of the current version' : `the docs of version ${otherLabels}`,
      });
    }
    if (group.current) optional.push(...otherLocales, ...blog.flatMap(link));
    if (options.llmsTxt)
      await write(
        `${root}llms.txt`,
        renderLlmsTxt({
          title,
          ...(siteSummary ? { summary: siteSummary } : {}),
          details,
          sections,
          optional,
        }),
      );
    if (options.llmsFullTxt) {
      // Every page this llms.txt links: its docs, and at the current root the blog posts listed as optional.
      const linked = group.current ? [...rendered, ...blog] : rendered;
      const pages = linked.flatMap((entry) => (entry.markdown === null ? [] : [entry.markdown.trimEnd()]));
      const head = `# ${title}\n\n${siteSummary ? `> ${siteSummary}\n\n` : ''}${details[0]}`;
      await write(`${root}llms-full.txt`, `${[head, ...pages].join('\n\n---\n\n')}\n`);
    }
  }
  return result;
}
