import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { DEFAULT_THEME_CONFIG, type DocentThemeConfig } from './theme-config-defaults.js';
import { writeLlmsFiles } from './write-llms-files.js';
import { writeManifest } from './write-manifest.js';

export { getSwizzleConfig } from './get-swizzle-config.js';
export { type DocentThemeConfig, type ThemeConfig, validateThemeConfig } from './options.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * What to tell the site owner about files another plugin (or `static/`) wrote, which Docent left as they
 * were: the llms.txt files by name, the markdown copies counted, and how to choose.
 */
export function keptFilesWarnings(kept: readonly string[]): string[] {
  if (kept.length === 0) return [];
  const lists = kept.filter((path) => /(^|\/)llms(-full)?\.txt$/.test(path));
  const pages = kept.length - lists.length;
  const what = [
    ...lists,
    ...(pages > 0
      ? [
          `${pages} markdown ${pages === 1 ? 'copy' : 'copies'} (e.g. ${kept.find((path) => !lists.includes(path))})`,
        ]
      : []),
  ];
  return [
    `[docent] kept ${what.join(', ')}: already in the build, written by another plugin or static/; Docent did not replace ${kept.length === 1 ? 'it' : 'them'}. To write Docent's instead, set themeConfig.docent.llms.existingFiles: 'replace'; to stop Docent writing them, set llms.llmsTxt / llms.llmsFullTxt / llms.markdownPages to false.`,
  ];
}
const TRANSLATED_LOCALES = new Set(['fr']);

/**
 * The Docent theme: wraps every page with the chat launcher (`@theme/Root`), ships the swizzlable
 * `@theme/DocentChat/*` components, and after each build writes `.docusaurus/docent/docent-manifest.json` (for the indexer, never published)
 * and `llms.txt`, `llms-full.txt` and a markdown copy of every page (for IDE agents and chatbots).
 */
export default function themeDocent(context: LoadContext): Plugin {
  return {
    name: 'docent-docusaurus-theme',

    getThemePath() {
      return join(here, 'theme');
    },

    getTypeScriptThemePath() {
      return join(here, '..', 'src', 'theme');
    },

    // `docusaurus write-translations` extracts the strings of the theme path and of these paths: the
    // widget's non-component modules (its error messages, the panel's fallback) live here, out of swizzle.
    getPathsToWatch() {
      return [join(here, 'client')];
    },

    // Opt-in search box: only then does `@theme/SearchBar` (what the navbar renders) point at Docent's, so a
    // site that keeps DocSearch or a local search plugin is untouched. Not in the theme path, where it
    // would shadow the Algolia theme's SearchBar on every site.
    configureWebpack(webpackConfig) {
      const config = (context.siteConfig.themeConfig as { docent?: DocentThemeConfig }).docent;
      if (!config?.search?.enabled) return {};
      // Docusaurus versions its webpack cache by the theme aliases; this alias is not one of them, so the
      // cache version names it too (turning search on or off never reuses a cache built the other way).
      const cache = webpackConfig.cache;
      return {
        resolve: { alias: { '@theme/SearchBar': join(here, 'search-bar.js') } },
        ...(cache && typeof cache === 'object' && cache.type === 'filesystem'
          ? { cache: { ...cache, version: `${cache.version ?? ''}-docent-search` } }
          : {}),
      };
    },

    async getDefaultCodeTranslationMessages() {
      const locale = context.i18n.currentLocale.split('-')[0]!;
      if (!TRANSLATED_LOCALES.has(locale)) return {};
      const { default: messages } = await import(`./translations/${locale}.js`);
      return messages as Record<string, string>;
    },

    async postBuild(props) {
      const { manifest, path } = await writeManifest(props, (permalink) =>
        console.warn(`[docent] ${permalink}: no built page in the build folder; left out of the index`),
      );
      const locale = props.i18n.currentLocale;
      console.log(
        `[docent] wrote ${relative(props.siteDir, path)}: ${manifest.routes.length} routes (${locale})`,
      );
      const config = (props.siteConfig.themeConfig as { docent?: DocentThemeConfig }).docent;
      const llms = await writeLlmsFiles(props, config?.llms ?? DEFAULT_THEME_CONFIG.llms);
      for (const failure of llms.failures)
        console.warn(`[docent] no markdown copy of ${failure} (llms.txt lists its HTML page instead)`);
      for (const warning of keptFilesWarnings(llms.kept)) console.warn(warning);
      if (llms.files.length > 0) {
        const lists = llms.files.filter((file) => /(^|\/)llms(-full)?\.txt$/.test(file.path)).length;
        console.log(
          `[docent] wrote ${llms.pages} markdown pages and ${lists} llms.txt / llms-full.txt files (${locale})`,
        );
      }
    },
  };
}
