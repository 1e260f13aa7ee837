export * from './fake-openai.js';
export * from './openapi-validator.js';
export * from './recording-qdrant.js';
