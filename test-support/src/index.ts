export * from './fake-openai.js';
export * from './free-port.js';
export * from './openapi-validator.js';
export * from './postgres-server.js';
export * from './qdrant-server.js';
export * from './recording-qdrant.js';
export * from './redis-server.js';
export * from './seeded-random.js';
