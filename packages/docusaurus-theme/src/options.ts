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
