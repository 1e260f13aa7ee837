export * from './block-text.js';
export * from './heading-ids.js';
export * from './markdown-node.js';
export * from './page-markdown.js';
export * from './parse-markdown.js';
export * from './partials.js';
export * from './plain-text.js';
export * from './read-within.js';
