// `@theme/SearchBar` when `themeConfig.docent.search.enabled` is set (see `configureWebpack` in index.ts):
// the navbar's search box is Docent's, swizzlable as `@theme/DocentSearch`.
export { default } from '@theme/DocentSearch';
