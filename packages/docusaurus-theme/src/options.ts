import type { ThemeConfigValidationContext } from '@docusaurus/types';
// A CommonJS package: Node's ESM loader exposes its exports only as `default`, while Docusaurus's own
// loader (jiti) exposes them by name. Take Joi from wherever it is.
import * as validation from '@docusaurus/utils-validation';
import { DEFAULT_THEME_CONFIG } from './theme-config-defaults.js';

export { DEFAULT_THEME_CONFIG, type DocentThemeConfig } from './theme-config-defaults.js';

const { Joi } =
  'Joi' in validation && validation.Joi
    ? validation
    : (validation as unknown as { default: typeof validation }).default;

/** `themeConfig.docent` as a site owner writes it. */
export type ThemeConfig = {
  /** Where the answer service runs, e.g. `https://docs-api.example.com`. Empty: the site's own origin. */
  serverUrl?: string;
  launcher?: { position?: 'bottom-right' | 'bottom-left'; label?: string };
  /** First line of the empty chat. */
  greeting?: string;
  /** Questions offered on the empty chat. */
  suggestedQuestions?: string[];
  /**
   * Keyboard shortcut that opens the chat: `auto` (Cmd/Ctrl+I, and Cmd/Ctrl+K too when the page has no search
   * bar to take it from), a combination such as `mod+i` (mod: Cmd on macOS, Ctrl elsewhere), or false.
   */
  shortcut?: string | false;
  /** Path prefixes where the launcher shows (default everywhere) and where it does not. */
  routes?: { include?: string[]; exclude?: string[] };
  /** Offer "Ask about this" when a reader selects text on a page. */
  askAboutSelection?: boolean;
  /** Messages kept in the reader's browser across pages and reloads. */
  maxStoredMessages?: number;
  /** What the build writes for readers that are programs (IDE agents, chatbots): see "llms.txt and MCP". */
  llms?: {
    /** `llms.txt` for each locale and docs version (default true). */
    llmsTxt?: boolean;
    /** `llms-full.txt`, every page's markdown in one file, beside each `llms.txt` (default true). */
    llmsFullTxt?: boolean;
    /** A markdown copy of every doc page at its URL plus `.md` (default true). */
    markdownPages?: boolean;
    /** Path prefixes (as in the default locale, e.g. "/docs/internal") left out of all three. */
    exclude?: string[];
    /** The `llms.txt` title; default the site's title. */
    title?: string;
    /** The `llms.txt` summary; default the site's tagline. */
    description?: string;
    /**
     * What to do when the build already holds an `llms.txt`, `llms-full.txt` or `.md` copy that another plugin
     * (or `static/`) wrote: `'keep'` it and warn (default), or `'replace'` it with Docent's.
     */
    existingFiles?: 'keep' | 'replace';
  };
  /** Buttons above each doc page (they need `llms.markdownPages`). */
  pageActions?: {
    /** "Copy page": the page as markdown to the clipboard (default true). */
    copyMarkdown?: boolean;
    /** "View as Markdown": opens the page's `.md` copy (default true). */
    viewMarkdown?: boolean;
    /** "Open in ChatGPT" / "Open in Claude" links; off by default, since they send the page's URL to that service. */
    openIn?: ('chatgpt' | 'claude')[];
  };
  /**
   * The search box in the navbar (Docusaurus's `@theme/SearchBar`), answered by the service's
   * `GET /api/search`: off by default, so a site with DocSearch or a local search plugin keeps its own.
   */
  search?: {
    /** Replace the site's search bar with Docent's (default false). */
    enabled?: boolean;
    /** Searches remembered in the reader's browser, offered when the box is empty (0 keeps none; default 5). */
    maxRecentSearches?: number;
  };
};

const SHORTCUT_MESSAGE =
  'themeConfig.docent.shortcut must be "auto", look like "mod+i" or "ctrl+shift+k" (mod is Cmd on macOS, Ctrl elsewhere), or be false to turn it off. Got {#value}.';
const SHORTCUT = /^(mod|ctrl|meta|alt|shift)(\+(mod|ctrl|meta|alt|shift))*\+[a-z0-9/.]$/i;

const schema = Joi.object({
  serverUrl: Joi.string()
    .allow('')
    .pattern(/^(https?:\/\/[^/]+.*|\/.*)?$/)
    .default(DEFAULT_THEME_CONFIG.serverUrl)
    .messages({
      'string.pattern.base':
        'themeConfig.docent.serverUrl must be an http(s) URL such as "https://docs-api.example.com", a path such as "/", or "" for this site. Got "{#value}".',
    }),
  launcher: Joi.object({
    position: Joi.string().valid('bottom-right', 'bottom-left').default('bottom-right').messages({
      'any.only':
        'themeConfig.docent.launcher.position must be "bottom-right" or "bottom-left", not "{#value}".',
    }),
    label: Joi.string().allow(null).default(null),
  }).default(DEFAULT_THEME_CONFIG.launcher),
  greeting: Joi.string().allow(null).default(null),
  suggestedQuestions: Joi.array().items(Joi.string().max(200)).max(6).default([]).messages({
    'array.max':
      'themeConfig.docent.suggestedQuestions takes at most 6 questions; keep the ones readers ask most.',
    'array.base':
      'themeConfig.docent.suggestedQuestions must be a list of strings, e.g. ["How do I install it?"].',
  }),
  shortcut: Joi.alternatives(
    Joi.string().valid('auto'),
    Joi.string().pattern(SHORTCUT).messages({ 'string.pattern.base': SHORTCUT_MESSAGE }),
    Joi.boolean().valid(false),
  )
    .default(DEFAULT_THEME_CONFIG.shortcut)
    .messages({ 'alternatives.match': SHORTCUT_MESSAGE, 'alternatives.types': SHORTCUT_MESSAGE }),
  routes: Joi.object({
    include: Joi.array().items(Joi.string().pattern(/^\//)).default(['/']),
    exclude: Joi.array().items(Joi.string().pattern(/^\//)).default([]),
  })
    .default(DEFAULT_THEME_CONFIG.routes)
    .messages({
      'string.pattern.base':
        'themeConfig.docent.routes entries are path prefixes starting with "/", e.g. "/docs".',
    }),
  askAboutSelection: Joi.boolean().default(true),
  maxStoredMessages: Joi.number().integer().min(0).max(500).default(40),
  llms: Joi.object({
    llmsTxt: Joi.boolean().default(true),
    llmsFullTxt: Joi.boolean().default(true),
    markdownPages: Joi.boolean().default(true),
    exclude: Joi.array()
      .items(
        Joi.string().pattern(/^\//).messages({
          'string.pattern.base':
            'themeConfig.docent.llms.exclude entries are path prefixes starting with "/", e.g. "/docs/internal". Got "{#value}".',
        }),
      )
      .default([]),
    title: Joi.string().allow(null).default(null),
    description: Joi.string().allow(null).default(null),
    existingFiles: Joi.string().valid('keep', 'replace').default('keep').messages({
      'any.only':
        'themeConfig.docent.llms.existingFiles is "keep" (leave files another plugin wrote, the default) or "replace". Got "{#value}".',
    }),
  })
    .default(DEFAULT_THEME_CONFIG.llms)
    .unknown(false)
    .messages({
      'object.unknown':
        'themeConfig.docent.llms has no option "{#child}"; it takes llmsTxt, llmsFullTxt, markdownPages, exclude, title, description and existingFiles.',
    }),
  pageActions: Joi.object({
    copyMarkdown: Joi.boolean().default(true),
    viewMarkdown: Joi.boolean().default(true),
    openIn: Joi.array()
      .items(
        Joi.string().valid('chatgpt', 'claude').messages({
          'any.only': 'themeConfig.docent.pageActions.openIn takes "chatgpt" and "claude", not "{#value}".',
        }),
      )
      .unique()
      .default([]),
  })
    .default(DEFAULT_THEME_CONFIG.pageActions)
    .unknown(false)
    .messages({
      'object.unknown':
        'themeConfig.docent.pageActions has no option "{#child}"; it takes copyMarkdown, viewMarkdown and openIn.',
    }),
  search: Joi.object({
    enabled: Joi.boolean().default(false),
    maxRecentSearches: Joi.number().integer().min(0).max(20).default(5).messages({
      'number.max': 'themeConfig.docent.search.maxRecentSearches is at most 20. Got {#value}.',
      'number.min': 'themeConfig.docent.search.maxRecentSearches is 0 (keep none) or more. Got {#value}.',
    }),
  })
    .default(DEFAULT_THEME_CONFIG.search)
    .unknown(false)
    .messages({
      'object.unknown':
        'themeConfig.docent.search has no option "{#child}"; it takes enabled and maxRecentSearches.',
      'object.base':
        'themeConfig.docent.search is an object with the options enabled (true turns the search box on) and maxRecentSearches.',
    }),
})
  .default(DEFAULT_THEME_CONFIG)
  .unknown(false)
  .messages({
    'object.unknown':
      'themeConfig.docent has no option "{#child}". See the configuration reference for the options.',
  });

/** Validates `themeConfig.docent`; Docusaurus fails the build with the message when it is wrong. */
export function validateThemeConfig({
  validate,
  themeConfig,
}: ThemeConfigValidationContext<{ docent?: ThemeConfig }>) {
  return validate(Joi.object({ docent: schema }).unknown(true), themeConfig);
}
