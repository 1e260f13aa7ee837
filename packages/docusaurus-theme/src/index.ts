import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { DEFAULT_THEME_CONFIG, type DocentThemeConfig } from './theme-config-defaults.js';
import { writeLlmsFiles } from './write-llms-files.js';
import { writeManifest } from './write-manifest.js';

export { type DocentThemeConfig, type ThemeConfig, validateThemeConfig } from './options.js';

const here = dirname(fileURLToPath(import.meta.url));
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
      if (llms.files.length > 0) {
        const lists = llms.files.filter((file) => /(^|\/)llms(-full)?\.txt$/.test(file.path)).length;
        console.log(
          `[docent] wrote ${llms.pages} markdown pages and ${lists} llms.txt / llms-full.txt files (${locale})`,
        );
      }
    },
  };
}
