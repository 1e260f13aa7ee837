export * from './fake-openai.js';
export * from './recording-qdrant.js';
