import type { SwizzleComponentConfig, SwizzleConfig } from '@docusaurus/types';

const SAFE: SwizzleComponentConfig = { actions: { eject: 'safe', wrap: 'safe' } };
/** Safe to wrap (add around it), unsafe to eject: the copy would hold logic that later releases change. */
const WRAP_ONLY: SwizzleComponentConfig = { actions: { eject: 'unsafe', wrap: 'safe' } };

/**
 * Which of the theme's components `docusaurus swizzle` offers as safe to customise: the widget's parts and
 * the page actions, whose `Props` types are declared and kept stable. `Root` and `DocItem/Content` are
 * Docent's wrappers of the site's own components and stay unlisted (so "unsafe"): swizzle the classic theme's
 * components instead. Shape: Docusaurus's `SwizzleConfig`
 * (https://docusaurus.io/docs/api/plugin-methods/extend-infrastructure#getSwizzleConfig).
 */
export function getSwizzleConfig(): SwizzleConfig {
  return {
    components: {
      DocentChat: {
        ...WRAP_ONLY,
        description: 'The chat: launcher, keyboard shortcuts and the lazily loaded panel.',
      },
      'DocentChat/Launcher': { ...SAFE, description: 'The button in the corner that opens the chat.' },
      'DocentChat/Panel': {
        ...WRAP_ONLY,
        description: 'The chat panel: header, conversation, composer; holds the conversation state.',
      },
      'DocentChat/MessageList': {
        ...SAFE,
        description: 'The conversation, greeting and suggested questions.',
      },
      'DocentChat/Message': {
        ...SAFE,
        description: 'One question or answer, with its actions and feedback.',
      },
      'DocentChat/Sources': { ...SAFE, description: 'The source chips under an answer.' },
      'DocentChat/Markdown': { ...SAFE, description: "An answer's markdown, rendered without raw HTML." },
      'DocentChat/Composer': { ...SAFE, description: 'The question box with Send and Stop.' },
      'DocentChat/SelectionButton': {
        ...SAFE,
        description: '"Ask about this", shown next to text selected on the page.',
      },
      DocentSearch: {
        ...WRAP_ONLY,
        description:
          'The navbar search button (Ctrl/Cmd+K, /) when themeConfig.docent.search.enabled; loads the dialog.',
      },
      'DocentSearch/Modal': {
        ...WRAP_ONLY,
        description: 'The search dialog: results as you type, recent searches, "Ask the docs".',
      },
      DocentPageActions: {
        ...SAFE,
        description: '"Copy page", "View as Markdown" and "Open in …" above a doc page.',
      },
    },
  };
}
