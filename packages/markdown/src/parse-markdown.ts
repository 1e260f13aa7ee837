// The plugin Docusaurus itself uses for `markdown.mdx1Compat.comments` (on by default).
import remarkComment from '@slorber/remark-comment';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { MarkdownNode } from './markdown-node.js';

export type ParsedMarkdown = { tree: MarkdownNode; frontMatter: Record<string, unknown> };

/** A problem in one source file, with where it is. */
export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'MarkdownError';
  }
}

/** A fence opening (CommonMark 4.5): 3+ backticks or tildes, indented 0-3 spaces; a backtick info string has no backtick. */
const OPENING_FENCE = /^[ \t]{0,3}(?:(`{3,})[^`]*|(~{3,}).*)$/;
/** A closing fence: the same character, at least as many, and nothing but spaces after. */
const CLOSING_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING_ID = /^(\s{0,3}#{1,6}\s.*?)\s*\{#([^{}]+)\}\s*$/;
/** `::: tip Title` (VitePress), `:::note Title` (Docusaurus's legacy title syntax) and `::: tip`. */
const TITLED_CONTAINER = /^(\s*):::[ \t]*([\w-]+)[ \t]+([^[{\s].*?)\s*$/;
const SPACED_CONTAINER = /^(\s*):::[ \t]+([\w-]+)\s*$/;

/**
 * Prepares source text the way Docusaurus does before parsing: `{#custom-id}` after a heading is escaped
 * so MDX reads it as text (the heading-id step then takes it off), and VitePress containers
 * (`::: tip Title`) and Docusaurus's legacy `:::note Title` become directives (`:::tip[Title]`). Code fences
 * are left alone, tracked by CommonMark's rules: a fence closes only on a line of the same character, at
 * least as long, with no info string (so ```` ```python ```` inside a ```` ``` ```` block is code).
 */
export function normalizeSource(source: string): string {
  let fence: string | null = null;
  return source
    .split('\n')
    .map((line) => {
      if (fence !== null) {
        const closing = CLOSING_FENCE.exec(line)?.[1];
        if (closing?.startsWith(fence)) fence = null;
        return line;
      }
      const opening = OPENING_FENCE.exec(line);
      if (opening) {
        fence = (opening[1] ?? opening[2])!;
        return line;
      }
      const heading = HEADING_ID.exec(line);
      if (heading) return `${heading[1]} \\{#${heading[2]}\\}`;
      const titled = TITLED_CONTAINER.exec(line);
      if (titled) return `${titled[1]}:::${titled[2]}[${titled[3]!.replace(/[[\]]/g, '')}]`;
      const spaced = SPACED_CONTAINER.exec(line);
      if (spaced) return `${spaced[1]}:::${spaced[2]}`;
      return line;
    })
    .join('\n');
}

// Built once: setting a processor up costs more than parsing a small page.
const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective)
  .use(remarkMath)
  .freeze();
const mdxProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective)
  .use(remarkMath)
  .use(remarkMdx)
  // Docusaurus reads `<!-- truncate -->` and other HTML comments in MDX (mdx1Compat.comments) and drops them.
  .use(remarkComment)
  .freeze();

/** Docusaurus's `markdown.format` (site-wide) and front matter `format` (one page). */
export type MarkdownFormat = 'mdx' | 'md' | 'detect';

const LEADING_FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

/**
 * Which syntax Docusaurus parses a file with, by its rule (`getFormat` in `@docusaurus/mdx-loader`): the
 * page's front matter `format` when it is `md` or `mdx` (`detect` there means by extension); else the
 * site's `markdown.format` when it is `md` or `mdx` (Docusaurus 3's default is `mdx`); else by extension,
 * `.md`/`.markdown` as CommonMark and anything else as MDX.
 */
export function markdownSyntax(
  extension: string,
  siteFormat: MarkdownFormat,
  frontMatterFormat?: unknown,
): 'md' | 'mdx' {
  const byExtension = /^\.(md|markdown)$/i.test(extension) ? 'md' : 'mdx';
  if (frontMatterFormat === 'md' || frontMatterFormat === 'mdx') return frontMatterFormat;
  if (frontMatterFormat === 'detect') return byExtension;
  return siteFormat === 'detect' ? byExtension : siteFormat;
}

/** The `format` of a page's front matter, read before choosing the parser (as Docusaurus does). */
function frontMatterFormat(source: string): unknown {
  const block = LEADING_FRONT_MATTER.exec(source);
  if (!block || !/^format\s*:/m.test(block[1]!)) return undefined;
  try {
    return (parseYaml(block[1]!) as { format?: unknown } | null)?.format;
  } catch {
    return undefined;
  }
}

/**
 * Parses markdown (CommonMark + GFM + front matter + directives + math) or MDX (the same plus MDX), choosing
 * as Docusaurus does (see `markdownSyntax`) from the file's extension, the site's `markdown.format`
 * (`detect`, by extension, when not given) and the page's front matter `format`. Syntax errors become a
 * `MarkdownError` with the line and column of the problem.
 */
export function parseMarkdown(
  source: string,
  extension: string,
  siteFormat: MarkdownFormat = 'detect',
): ParsedMarkdown {
  const mdx = markdownSyntax(extension, siteFormat, frontMatterFormat(source)) === 'mdx';
  const processor = mdx ? mdxProcessor : markdownProcessor;
  let tree: MarkdownNode;
  const normalized = normalizeSource(source);
  checkParseBudget(normalized);
  try {
    tree = processor.parse(normalized) as unknown as MarkdownNode;
    restoreUnusedDirectives(tree, normalized);
  } catch (error) {
    const place = error as { line?: number; column?: number; reason?: string; message?: string };
    throw new MarkdownError(
      `${place.reason ?? place.message ?? String(error)}${mdx ? ' (MDX syntax: check JSX tags, braces and imports)' : ''}`,
      place.line ?? 1,
      place.column ?? 1,
    );
  }
  return { tree, frontMatter: readFrontMatter(tree) };
}

/**
 * The parse budget of a page. micromark resolves emphasis, strikethrough and link brackets (`*`, `_`, `~`, `[`,
 * `]`) in time quadratic in their number within one run of inline text (32 kB of `*a` took 22.7 s, of `~a`
 * 7 s), so a page is refused, with the line of its worst paragraph and before any parsing, when one paragraph
 * holds more than `MAX_MARKERS` of them or the page's sum over paragraphs of (markers)^2 passes
 * `MAX_MARKER_COST` (a few seconds of parsing at worst). Paragraphs end at blank lines and at lines that start
 * another block (list items, table rows, headings, quotes), which micromark parses apart.
 */
const MAX_MARKERS = 3000;
const MAX_MARKER_COST = 5e7;
const BLOCK_START = /^[ \t]*(?:\n|$|[-*+][ \t]|\d{1,9}[.)][ \t]|\||#|>)/;

function checkParseBudget(source: string): void {
  let cost = 0;
  let markers = 0;
  let worst = { markers: 0, line: 1 };
  let line = 1;
  let unitLine = 1;
  for (let at = 0; at <= source.length; at++) {
    const character = source.charCodeAt(at);
    // * _ ~ [ ]
    if (character === 42 || character === 95 || character === 126 || character === 91 || character === 93) {
      if (markers === 0) unitLine = line;
      markers++;
    } else if (character === 10 || at === source.length) {
      line++;
      if (at === source.length || BLOCK_START.test(source.slice(at + 1, at + 16))) {
        cost += markers * markers;
        if (markers > worst.markers) worst = { markers, line: unitLine };
        markers = 0;
      }
    }
  }
  if (worst.markers > MAX_MARKERS || cost > MAX_MARKER_COST) {
    throw new MarkdownError(
      `too many emphasis or link markers (*, _, ~, [, ]) for one page: ${worst.markers} in the paragraph at line ${worst.line}; skipped, as parsing it would take minutes. Escape them (\\*) or put the text in a code block`,
      worst.line,
      1,
    );
  }
}

/**
 * Text and leaf directives (`:name`, `::name`) are not used by Docusaurus (only `:::` containers are), and
 * Docusaurus puts them back as the text the author wrote. So does the indexer: otherwise `localhost:3000`,
 * `10:30` or `16:9` would lose their `:3000`, `:30`, `:9`.
 */
function restoreUnusedDirectives(node: MarkdownNode, source: string): void {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type === 'textDirective' || child.type === 'leafDirective') {
      const start = child.position?.start.offset;
      const end = child.position?.end?.offset;
      if (start !== undefined && end !== undefined) {
        const text: MarkdownNode = { type: 'text', value: source.slice(start, end) };
        return child.type === 'leafDirective' ? { type: 'paragraph', children: [text] } : text;
      }
    }
    restoreUnusedDirectives(child, source);
    return child;
  });
}

function readFrontMatter(tree: MarkdownNode): Record<string, unknown> {
  const yaml = tree.children?.find((node) => node.type === 'yaml');
  if (!yaml?.value) return {};
  try {
    const data = parseYaml(yaml.value);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch (error) {
    const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new MarkdownError(
      `Invalid YAML front matter: ${(error as Error).message.split('\n')[0]}`,
      (position?.line ?? 0) + 1,
      position?.col ?? 1,
    );
  }
}
