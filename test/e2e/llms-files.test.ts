import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownTwinPath } from '../../packages/docusaurus-theme/src/client/markdown-twin.js';

const build = join(import.meta.dirname, '..', '..', 'website', 'build');
/** The site's URL as the test build has it (docusaurus.config.ts: DOCENT_SITE_URL, else this). */
const SITE = new URL(process.env.DOCENT_SITE_URL ?? 'http://localhost:8787');
const LLMS_FILES = ['llms.txt', 'docs/0.1/llms.txt', 'fr/llms.txt', 'fr/docs/0.1/llms.txt'];
const LINK = /^- \[((?:[^\]\\]|\\.)+)\]\((\S+)\)(: .+)?$/;

/**
 * The structure llmstxt.org specifies: an H1 (the only required part), then an optional blockquote summary,
 * then any markdown but headings, then H2 sections whose content is a list of `[name](url)` links with
 * optional `: notes`; a section named Optional, if any, is the one an agent may skip (we put it last).
 */
function llmsStructure(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!/^# \S/.test(lines[0] ?? '')) problems.push('the first line is not an H1');
  if (lines.filter((line) => /^# /.test(line)).length !== 1) problems.push('not exactly one H1');
  if (lines.some((line) => /^#{3,} /.test(line))) problems.push('a heading deeper than H2');
  let section: string | null = null;
  const sections: string[] = [];
  for (const [number, line] of lines.entries()) {
    if (number === 0 || line === '') continue;
    if (line.startsWith('## ')) {
      section = line.slice(3);
      sections.push(section);
      continue;
    }
    if (section === null) continue;
    if (!LINK.test(line))
      problems.push(`line ${number + 1} in "${section}" is not a "- [name](url): notes" link`);
  }
  if (sections.length === 0) problems.push('no H2 section of links');
  const optional = sections.indexOf('Optional');
  if (optional >= 0 && optional !== sections.length - 1) problems.push('## Optional is not last');
  return problems;
}

/** The built file a URL on the site is served from. */
function builtFile(url: string): string | null {
  const parsed = new URL(url);
  if (parsed.origin !== SITE.origin) return null;
  const path = decodeURIComponent(parsed.pathname).replace(/^\//, '');
  const file = join(build, path);
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  return existsSync(index) ? index : null;
}

type Route = { permalink: string; kind: string; version: string };

async function manifestRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  const manifests = join(build, '..', '.docusaurus', 'docent');
  for (const folder of [manifests, join(manifests, 'fr')]) {
    const manifest = JSON.parse(await readFile(join(folder, 'docent-manifest.json'), 'utf8')) as {
      routes: Route[];
    };
    routes.push(...manifest.routes);
  }
  return routes;
}

describe("Docent's own built site, for readers that are programs", () => {
  it.each(LLMS_FILES)(
    '%s follows the llmstxt.org structure and every link in it is a built file',
    async (path) => {
      const text = await readFile(join(build, path), 'utf8');
      expect(llmsStructure(text)).toEqual([]);
      const links = text
        .split('\n')
        .map((line) => LINK.exec(line)?.[2])
        .filter((link): link is string => link !== undefined);
      expect(links.length).toBeGreaterThan(10);
      expect(links.filter((link) => builtFile(link) === null)).toEqual([]);
      // Pages link to their markdown; the other versions and locales to their own llms.txt.
      expect(links.every((link) => /\.(md|txt)$/.test(link))).toBe(true);
    },
  );

  it('has a clean markdown twin for every doc page of both versions and both locales', async () => {
    const routes = (await manifestRoutes()).filter((route) => route.kind === 'doc');
    expect(new Set(routes.map((route) => route.version))).toEqual(new Set(['current', '0.1']));
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const missing: string[] = [];
    const unclean: string[] = [];
    let bytes = 0;
    for (const route of routes) {
      const file = builtFile(new URL(markdownTwinPath(route.permalink), SITE).href);
      if (!file) {
        missing.push(route.permalink);
        continue;
      }
      const markdown = await readFile(file, 'utf8');
      bytes += Buffer.byteLength(markdown);
      // Outside code (blocks and spans): no MDX imports or JSX, no admonition fences, no site-relative links.
      const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
      if (!/^# \S/.test(markdown)) unclean.push(`${route.permalink}: no title`);
      if (/^(import|export) /m.test(prose)) unclean.push(`${route.permalink}: an import`);
      if (/^:::/m.test(prose)) unclean.push(`${route.permalink}: an admonition fence`);
      if (/<\/?[A-Z][A-Za-z]*[\s/>]/.test(prose)) unclean.push(`${route.permalink}: JSX`);
      if (/\]\((?!https?:\/\/|mailto:)[^)]*\)/.test(prose))
        unclean.push(`${route.permalink}: a relative link`);
    }
    console.log(`[llms] ${routes.length} markdown pages, ${(bytes / 1024).toFixed(1)} KB`);
    expect(missing).toEqual([]);
    expect(unclean).toEqual([]);
  });

  it('llms-full.txt holds every page of its version and locale, in llms.txt order', async () => {
    for (const path of LLMS_FILES) {
      const list = await readFile(join(build, path), 'utf8');
      const full = await readFile(join(build, path.replace(/llms\.txt$/, 'llms-full.txt')), 'utf8');
      const pages = list
        .split('## Optional')[0]!
        .split('\n')
        .map((line) => LINK.exec(line)?.[2])
        .filter((link): link is string => link !== undefined);
      let at = 0;
      for (const page of pages) {
        const twin = (await readFile(builtFile(page)!, 'utf8')).trimEnd();
        const found = full.indexOf(twin, at);
        expect(found, `${page} in ${path}`).toBeGreaterThanOrEqual(at);
        at = found + twin.length;
      }
      console.log(
        `[llms] ${path}: ${Buffer.byteLength(list)} bytes; llms-full.txt: ${(Buffer.byteLength(full) / 1024).toFixed(1)} KB`,
      );
    }
  });

  it('links a page to another by its absolute URL, tabs by their label, admonitions as quotes', async () => {
    const guide = await readFile(join(build, 'docs', 'getting-started.md'), 'utf8');
    expect(guide).toContain(`](${SITE.origin}/docs/configuration#theme-options)`);
    expect(guide).toContain(`Source: <${SITE.origin}/docs/getting-started>`);
    const french = await readFile(join(build, 'fr', 'docs', 'getting-started.md'), 'utf8');
    expect(french).toMatch(/^# Bien démarrer/);
    expect(french).toContain(`${SITE.origin}/fr/docs/`);
  });
});
