import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BLOG_VERSION, DEFAULT_VERSION, isBlogVersion } from '@docent/protocol';
import { createEmbedder, LocalStore, QdrantStore, redactUrls, type Store } from '@docent/retrieval';
import { checkQuestions, describeCheck, readGoldenQuestions } from './check-questions.js';
import { type CliOptions, parseCliOptions, USAGE, UsageError } from './cli-options.js';
import type { CommandOutput } from './command-output.js';
import { FileCache } from './file-cache.js';
import { folderFiles } from './folder-files.js';
import { manifestFiles } from './manifest-files.js';
import { createProgress } from './progress.js';
import { runIndex } from './run-index.js';

export type { CommandOutput } from './command-output.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_PARTIAL = 2;
export const EXIT_CHECK_FAILED = 3;

async function openStore(options: CliOptions): Promise<Store> {
  if (options.store === 'qdrant') {
    return new QdrantStore({
      url: options.qdrantUrl!,
      collection: options.collection,
      ...(options.qdrantApiKey ? { apiKey: options.qdrantApiKey } : {}),
    });
  }
  return LocalStore.open({ path: options.out });
}

async function sourceFiles(options: CliOptions) {
  const mode = options.mode;
  if (mode.kind === 'site') {
    const { files, notes, manifests } = await manifestFiles(mode.siteDir);
    return {
      files: options.blog ? files : files.filter((file) => !isBlogVersion(file.version)),
      notes,
      siteUrl: manifests[0]?.siteUrl,
      baseUrl: manifests[0]?.baseUrl,
      defaultVersion: options.defaultVersion ?? manifests[0]?.defaultVersion,
    };
  }
  const folder = await stat(mode.docsDir).catch(() => null);
  if (!folder?.isDirectory())
    throw new UsageError(
      `--docs ${mode.docsDir} is not a folder: pass the folder that holds the markdown files.`,
    );
  const { files, partials } = await folderFiles(mode.docsDir, mode);
  const notes = partials.map((path) => `${path}: partial, indexed only where a page includes it`);
  return {
    files,
    notes,
    siteUrl: undefined,
    baseUrl: undefined,
    defaultVersion: options.defaultVersion ?? mode.version,
  };
}

/** `docent-index`: runs the indexer with command-line arguments and returns the exit code. */
export async function indexCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  rawOutput: CommandOutput,
): Promise<number> {
  // Every line the indexer prints goes through the one URL redaction (a store's or an embedder's URL).
  const output: CommandOutput = { ...rawOutput, err: (line) => rawOutput.err(redactUrls(line)) };
  let options: CliOptions;
  try {
    const parsed = parseCliOptions(argv, env);
    if (parsed === 'help') {
      output.out(USAGE);
      return EXIT_OK;
    }
    options = parsed;
  } catch (error) {
    output.err(`docent-index: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  let store: Store | undefined;
  try {
    // Bad golden questions are reported before anything is indexed.
    const golden = options.check ? await readGoldenQuestions(options.check) : null;
    const { files, notes, siteUrl, baseUrl, defaultVersion } = await sourceFiles(options);
    store = await openStore(options);
    const embedder = createEmbedder(
      options.embedder === 'openai'
        ? {
            kind: 'openai',
            model: options.embeddingModel!,
            ...(options.embeddingBaseUrl ? { baseURL: options.embeddingBaseUrl } : {}),
            ...(options.embeddingApiKey ? { apiKey: options.embeddingApiKey } : {}),
            ...(options.embeddingBatchSize ? { batchSize: options.embeddingBatchSize } : {}),
          }
        : { kind: 'none' },
    );
    const progress = createProgress(output, options.quiet);
    const cache = options.cache ? new FileCache(options.cache, `${options.maxTokens}`) : undefined;
    await cache?.load();
    const { summary, chunks } = await runIndex({
      files,
      store,
      embedder,
      dryRun: options.dryRun,
      full: options.full,
      maxTokens: options.maxTokens,
      onProgress: progress,
      warnings: notes,
      ...(siteUrl ? { siteUrl } : {}),
      ...(defaultVersion ? { defaultVersion } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(cache ? { cache } : {}),
      needAllChunks: options.dump !== undefined,
    });
    if (options.dump) {
      await mkdir(dirname(options.dump), { recursive: true });
      const lines = chunks.map((chunk) =>
        JSON.stringify({
          id: chunk.id,
          sourcePath: chunk.sourcePath,
          headings: chunk.headings,
          url: chunk.url,
          text: chunk.text,
        }),
      );
      await writeFile(options.dump, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    }
    if (options.json) {
      await mkdir(dirname(options.json), { recursive: true });
      await writeFile(options.json, `${JSON.stringify(summary, null, 2)}\n`);
    }
    for (const error of summary.errors)
      output.err(`${error.path}:${error.line}:${error.column}: ${error.message}`);
    if (!options.quiet) for (const warning of summary.warnings) output.err(`note: ${warning}`);
    const where = options.store === 'qdrant' ? `Qdrant alias ${options.collection}` : options.out;
    output.out(
      `${options.dryRun ? 'dry run: ' : ''}${summary.files} files, ${summary.chunks} chunks ` +
        `(${summary.new} new, ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.deleted} deleted), ` +
        `${summary.embeddingCalls} embedding calls, ${summary.skipped.length} skipped, ${summary.errors.length} errors, ${summary.ms} ms` +
        (options.dryRun
          ? '; nothing written'
          : summary.published
            ? `; written to ${where}`
            : `; ${where} already up to date`),
    );
    let checkFailed = false;
    if (golden) {
      const stats = await store.stats();
      // What a reader who names no version gets: the version at the docs root (or --default-version).
      const version = defaultVersion ?? DEFAULT_VERSION;
      const defaults =
        options.mode.kind === 'docs'
          ? { locale: options.mode.locale, version }
          : {
              ...(stats.locales.length > 0
                ? { locale: stats.locales.includes('en') ? 'en' : stats.locales[0]! }
                : {}),
              ...(stats.versions.includes(version) ? { version } : {}),
            };
      const result = await checkQuestions(store, golden, defaults, {
        hasBlog: stats.versions.includes(BLOG_VERSION),
      });
      for (const line of describeCheck(result)) (result.failures.length > 0 ? output.err : output.out)(line);
      checkFailed = result.failures.length > 0;
    }
    if (summary.errors.length > 0) {
      output.err(
        `docent-index: ${summary.errors.length} file(s) could not be read; fix them and run again. The other pages were indexed.`,
      );
    }
    if (checkFailed) {
      output.err(
        'docent-index: the index was published, but some golden questions no longer find their section (listed above): fix the docs or the questions.',
      );
      return EXIT_CHECK_FAILED;
    }
    return summary.errors.length > 0 ? EXIT_PARTIAL : EXIT_OK;
  } catch (error) {
    output.err(`docent-index: ${(error as Error).message}`);
    output.err('docent-index: nothing was written; the published index is as it was.');
    return EXIT_FAILED;
  } finally {
    await store?.close();
  }
}
