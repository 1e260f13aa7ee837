import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { writeManifest } from './write-manifest.js';

export { type DocentThemeConfig, type ThemeConfig, validateThemeConfig } from './options.js';

const here = dirname(fileURLToPath(import.meta.url));
const TRANSLATED_LOCALES = new Set(['fr']);

/**
 * The Docent theme: wraps every page with the chat launcher (`@theme/Root`), ships the swizzlable
 * `@theme/DocentChat/*` components, and writes `build/docent-manifest.json` after each build.
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
      const manifest = await writeManifest(props);
      console.log(
        `[docent] wrote docent-manifest.json: ${manifest.routes.length} routes (${props.i18n.currentLocale})`,
      );
    },
  };
}
