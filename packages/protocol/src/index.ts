export * from './chat-request.js';
export * from './chunk.js';
export * from './feedback.js';
export * from './manifest.js';
export * from './parse-with.js';
export * from './read-stream.js';
export * from './site-link.js';
export * from './stream-part.js';
