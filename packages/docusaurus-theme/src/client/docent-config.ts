import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { DEFAULT_THEME_CONFIG, type DocentThemeConfig } from '../theme-config-defaults.js';

/** `themeConfig.docent`, normalised by the theme's Joi schema at build time. */
export function useDocentConfig(): DocentThemeConfig {
  const { siteConfig } = useDocusaurusContext();
  return (siteConfig.themeConfig as { docent?: DocentThemeConfig }).docent ?? DEFAULT_THEME_CONFIG;
}

/** Search bars that own Cmd/Ctrl+K on Docusaurus sites (Docent's own, DocSearch, the local search plugins). */
const SEARCH_BAR =
  '[data-docent-search], .navbar__search, .DocSearch-Button, [class*="searchBar"], [class*="searchBox"], [class*="search-bar"]';

/**
 * Whether a keyboard event is the configured shortcut (`mod` is Cmd on macOS, Ctrl elsewhere). `auto` is
 * mod+I, and also mod+K when the page has no search bar, so the chat never takes the search bar's shortcut.
 */
export function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  if (shortcut === 'auto') {
    return (
      matchesShortcut(event, 'mod+i') ||
      (matchesShortcut(event, 'mod+k') && document.querySelector(SEARCH_BAR) === null)
    );
  }
  const keys = shortcut.toLowerCase().split('+');
  const key = keys.pop();
  const mac = /mac|iphone|ipad/i.test(navigator.platform);
  const wants = (name: string) =>
    keys.includes(name) || (name === (mac ? 'meta' : 'ctrl') && keys.includes('mod'));
  return (
    event.key.toLowerCase() === key &&
    event.ctrlKey === wants('ctrl') &&
    event.metaKey === wants('meta') &&
    event.altKey === wants('alt') &&
    event.shiftKey === wants('shift')
  );
}

/** Whether the launcher belongs on this path. */
export function routeAllowed(path: string, routes: DocentThemeConfig['routes'], baseUrl: string): boolean {
  const local = `/${path.startsWith(baseUrl) ? path.slice(baseUrl.length) : path.replace(/^\//, '')}`;
  const under = (prefix: string) =>
    local === prefix || local.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  return routes.include.some(under) && !routes.exclude.some(under);
}
