import type { ThemeConfig as DocentThemeConfig } from '@docent/docusaurus-theme';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';

const config: Config = {
  title: 'Docent',
  tagline: 'An "Ask the docs" assistant for Docusaurus sites, with every answer linked to its source.',
  url: process.env.DOCENT_SITE_URL ?? 'http://localhost:8787',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { format: 'detect', hooks: { onBrokenMarkdownLinks: 'throw' } },
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'fr'],
    localeConfigs: { en: { label: 'English' }, fr: { label: 'Français' } },
  },
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          routeBasePath: 'docs',
          lastVersion: 'current',
          versions: {
            current: { label: '0.2', badge: false },
            '0.1': { label: '0.1', path: '0.1', banner: 'unmaintained' },
          },
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  // DOCENT_DISABLE_THEME=1 builds the site without Docent: the bundle-size benchmark compares the two.
  themes: process.env.DOCENT_DISABLE_THEME === '1' ? [] : ['@docent/docusaurus-theme'],
  themeConfig: {
    navbar: {
      title: 'Docent',
      logo: { alt: 'Docent', src: 'img/favicon.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'docs', position: 'left', label: 'Docs' },
        { type: 'docsVersionDropdown', position: 'right' },
        { type: 'localeDropdown', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      copyright:
        'Docent, MIT licensed. This site answers questions about itself: try the button in the corner.',
    },
    colorMode: { respectPrefersColorScheme: true },
    docent: {
      serverUrl: process.env.DOCENT_SERVER_URL ?? '',
      greeting: 'Ask anything about installing, configuring and running Docent.',
      suggestedQuestions: [
        'How do I add Docent to my Docusaurus site?',
        'How do I run the indexer in GitHub Actions?',
        'When should I switch from the local store to Qdrant?',
      ],
      // Docent's own search box in the navbar (Ctrl/Cmd+K), answered from the same index as the chat.
      search: { enabled: true },
    } satisfies DocentThemeConfig,
  } satisfies Preset.ThemeConfig,
};

export default config;
