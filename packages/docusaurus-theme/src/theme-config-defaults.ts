/**
 * The normalised `themeConfig.docent`, and its defaults. A module of its own with no imports, so the
 * widget (browser) and the Joi schema (Node, at build time) share it without the widget bundling Joi.
 */
export type DocentThemeConfig = {
  serverUrl: string;
  launcher: { position: 'bottom-right' | 'bottom-left'; label: string | null };
  greeting: string | null;
  suggestedQuestions: string[];
  shortcut: string | false;
  routes: { include: string[]; exclude: string[] };
  askAboutSelection: boolean;
  maxStoredMessages: number;
  llms: {
    llmsTxt: boolean;
    llmsFullTxt: boolean;
    markdownPages: boolean;
    exclude: string[];
    title: string | null;
    description: string | null;
    existingFiles: 'keep' | 'replace';
  };
  pageActions: { copyMarkdown: boolean; viewMarkdown: boolean; openIn: ('chatgpt' | 'claude')[] };
  /** The navbar search box (`@theme/SearchBar`), off unless the site turns it on. */
  search: { enabled: boolean; maxRecentSearches: number };
};

export const DEFAULT_THEME_CONFIG: DocentThemeConfig = {
  serverUrl: '',
  launcher: { position: 'bottom-right', label: null },
  greeting: null,
  suggestedQuestions: [],
  shortcut: 'auto',
  routes: { include: ['/'], exclude: [] },
  askAboutSelection: true,
  maxStoredMessages: 40,
  llms: {
    llmsTxt: true,
    llmsFullTxt: true,
    markdownPages: true,
    exclude: [],
    title: null,
    description: null,
    existingFiles: 'keep',
  },
  pageActions: { copyMarkdown: true, viewMarkdown: true, openIn: [] },
  search: { enabled: false, maxRecentSearches: 5 },
};
