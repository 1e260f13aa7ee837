import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  docent-index --docs <dir> --base-url <url> [options]   index a markdown/MDX folder
  docent-index --site <dir> [options]                     index a built Docusaurus site (reads the manifest
                                                          the theme wrote in .docusaurus/docent/)

Where the index goes:
  --out <file>                 local index file (default .docent/index.docent)          env DOCENT_INDEX
  --store local|qdrant         store (default local)                                    env DOCENT_STORE
  --qdrant-url <url>           Qdrant URL (with --store qdrant)                         env QDRANT_URL
  --qdrant-api-key <key>                                                                env QDRANT_API_KEY
  --collection <name>          Qdrant alias to publish to (default docent)              env DOCENT_COLLECTION

Embeddings (optional; without them retrieval is lexical BM25):
  --embedder none|openai       (default none)                                           env DOCENT_EMBEDDER
  --embedding-model <name>     e.g. text-embedding-3-small, nomic-embed-text            env DOCENT_EMBEDDING_MODEL
  --embedding-base-url <url>   any OpenAI-compatible API                                env DOCENT_EMBEDDING_BASE_URL, OPENAI_BASE_URL
                               (the key comes from DOCENT_EMBEDDING_API_KEY or OPENAI_API_KEY)
  --embedding-batch-size <n>   texts per request (default 64)

Folder mode (the facts a Docusaurus build records, with Docusaurus's defaults):
  --locale <code>              locale of the folder's pages (default en)
  --docs-version <name>        docs version of the folder's pages (default current)
  --markdown-format mdx|md|detect  how .md files are parsed, as markdown.format (default mdx;
                               a page's front matter format wins)
  --site-dir <dir>             the folder @site/ imports name (default: the folder above --docs)
  --trailing-slash true|false  as Docusaurus's trailingSlash (default: URLs as derived)

Versions:
  --no-blog                    leave the site's blog posts out of the index (they are their own kind of
                               source: answers prefer the docs, readers on a post get posts first)
  --default-version <name>     the version a question with none searches (default: the version at the
                               docs root, Docusaurus's lastVersion; in folder mode --docs-version)

Run:
  --max-tokens <n>             target chunk size in tokens (default 350)
  --cache <file>               remembers unchanged pages so re-runs skip them
                               (default <out>.cache, or .docent/qdrant-<collection>.cache)
  --no-cache                   read and chunk every page
  --full                       rebuild the whole index instead of applying only what changed
  --dry-run                    read and chunk everything, report, write nothing
  --json <file>                write the summary as JSON
  --dump <file.jsonl>          write every chunk (id, sourcePath, headings, url, text)
  --check <questions.jsonl>    after indexing, search each golden question; fail (exit 3) when one no
                               longer finds its section in the top 5
  --quiet                      no progress output
  -h, --help

Exit codes: 0 indexed; 2 partial (some files had errors, the rest were indexed and published);
1 nothing written (bad options, unreadable site, store or embedding failure); 3 indexed, but a --check
question no longer finds its section.`;

export type CliOptions = {
  mode:
    | {
        kind: 'docs';
        docsDir: string;
        baseUrl: string;
        locale: string;
        version: string;
        markdownFormat: 'mdx' | 'md' | 'detect';
        siteDir: string;
        trailingSlash?: boolean;
      }
    | { kind: 'site'; siteDir: string };
  out: string;
  store: 'local' | 'qdrant';
  qdrantUrl?: string;
  qdrantApiKey?: string;
  collection: string;
  embedder: 'none' | 'openai';
  embeddingModel?: string;
  embeddingBaseUrl?: string;
  embeddingApiKey?: string;
  embeddingBatchSize?: number;
  maxTokens: number;
  full: boolean;
  dryRun: boolean;
  json?: string;
  dump?: string;
  /** Golden questions to search after indexing (`--check`). */
  check?: string;
  /** Page cache file, or null for none. */
  cache: string | null;
  quiet: boolean;
  /** Index the site's blog posts (`--no-blog` leaves them out). */
  blog: boolean;
  /** `--default-version`: overrides the version the site's build says readers get at the docs root. */
  defaultVersion?: string;
};

/** A wrong or missing option; the message says what to pass. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new UsageError(`${flag} takes a whole number above 0, not "${value}".`);
  return number;
}

export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm run index -- --docs …` (pnpm 12) and `npm run … -- …` pass the `--` on: skip a leading one.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        docs: { type: 'string' },
        'base-url': { type: 'string' },
        site: { type: 'string' },
        out: { type: 'string' },
        store: { type: 'string' },
        'qdrant-url': { type: 'string' },
        'qdrant-api-key': { type: 'string' },
        collection: { type: 'string' },
        embedder: { type: 'string' },
        'embedding-model': { type: 'string' },
        'embedding-base-url': { type: 'string' },
        'embedding-batch-size': { type: 'string' },
        locale: { type: 'string' },
        'docs-version': { type: 'string' },
        'markdown-format': { type: 'string' },
        'site-dir': { type: 'string' },
        'trailing-slash': { type: 'string' },
        'default-version': { type: 'string' },
        'no-blog': { type: 'boolean' },
        'max-tokens': { type: 'string' },
        full: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'string' },
        dump: { type: 'string' },
        check: { type: 'string' },
        quiet: { type: 'boolean' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run docent-index --help for the options.`);
  }
  if (values.help) return 'help';
  const text = (key: string) => values[key] as string | undefined;
  if (text('docs') && text('site'))
    throw new UsageError(
      'Pass either --docs <dir> (a folder) or --site <dir> (a built Docusaurus site), not both.',
    );
  let mode: CliOptions['mode'];
  if (text('site')) mode = { kind: 'site', siteDir: text('site')! };
  else if (text('docs')) {
    const baseUrl = text('base-url');
    if (!baseUrl)
      throw new UsageError(
        '--docs needs --base-url <url>: the URL the folder is served at, e.g. --base-url /docs or https://example.com/docs.',
      );
    if (!/^(https?:\/\/|\/)/.test(baseUrl))
      throw new UsageError(
        `--base-url must be an absolute URL or a path starting with "/", not "${baseUrl}".`,
      );
    const markdownFormat = text('markdown-format') ?? 'mdx';
    if (markdownFormat !== 'mdx' && markdownFormat !== 'md' && markdownFormat !== 'detect')
      throw new UsageError(
        `--markdown-format must be mdx, md or detect (as Docusaurus's markdown.format), not "${markdownFormat}".`,
      );
    const trailingSlash = text('trailing-slash');
    if (trailingSlash !== undefined && trailingSlash !== 'true' && trailingSlash !== 'false')
      throw new UsageError(`--trailing-slash must be true or false, not "${trailingSlash}".`);
    mode = {
      kind: 'docs',
      docsDir: text('docs')!,
      baseUrl,
      locale: text('locale') ?? 'en',
      version: text('docs-version') ?? 'current',
      markdownFormat,
      siteDir: text('site-dir') ?? dirname(resolve(text('docs')!)),
      ...(trailingSlash ? { trailingSlash: trailingSlash === 'true' } : {}),
    };
  } else {
    throw new UsageError(
      'Say what to index: --docs <dir> --base-url <url> for a markdown folder, or --site <dir> for a built Docusaurus site.',
    );
  }
  const store = text('store') ?? env.DOCENT_STORE ?? 'local';
  if (store !== 'local' && store !== 'qdrant')
    throw new UsageError(`--store must be "local" or "qdrant", not "${store}".`);
  const qdrantUrl = text('qdrant-url') ?? env.QDRANT_URL;
  if (store === 'qdrant' && !qdrantUrl)
    throw new UsageError(
      '--store qdrant needs --qdrant-url <url> or QDRANT_URL (e.g. http://localhost:6333).',
    );
  const embedder = text('embedder') ?? env.DOCENT_EMBEDDER ?? 'none';
  if (embedder !== 'none' && embedder !== 'openai')
    throw new UsageError(`--embedder must be "none" or "openai", not "${embedder}".`);
  const embeddingModel = text('embedding-model') ?? env.DOCENT_EMBEDDING_MODEL;
  if (embedder === 'openai' && !embeddingModel)
    throw new UsageError('--embedder openai needs --embedding-model <name> or DOCENT_EMBEDDING_MODEL.');
  if (text('check') && values['dry-run'] === true)
    throw new UsageError('--check searches the published index: run it without --dry-run.');
  const options: CliOptions = {
    mode,
    out: text('out') ?? env.DOCENT_INDEX ?? '.docent/index.docent',
    store,
    collection: text('collection') ?? env.DOCENT_COLLECTION ?? 'docent',
    embedder,
    maxTokens: positiveInteger(text('max-tokens'), '--max-tokens', 350),
    full: values.full === true,
    dryRun: values['dry-run'] === true,
    quiet: values.quiet === true,
    cache: null,
    blog: values['no-blog'] !== true,
  };
  options.cache =
    values['no-cache'] === true
      ? null
      : (text('cache') ??
        (store === 'qdrant' ? `.docent/qdrant-${options.collection}.cache` : `${options.out}.cache`));
  const optional: Partial<CliOptions> = {
    qdrantUrl,
    qdrantApiKey: text('qdrant-api-key') ?? env.QDRANT_API_KEY,
    embeddingModel,
    embeddingBaseUrl: text('embedding-base-url') ?? env.DOCENT_EMBEDDING_BASE_URL ?? env.OPENAI_BASE_URL,
    embeddingApiKey: env.DOCENT_EMBEDDING_API_KEY ?? env.OPENAI_API_KEY,
    embeddingBatchSize: text('embedding-batch-size')
      ? positiveInteger(text('embedding-batch-size'), '--embedding-batch-size', 64)
      : undefined,
    json: text('json'),
    dump: text('dump'),
    check: text('check'),
    defaultVersion: text('default-version'),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  return options;
}
