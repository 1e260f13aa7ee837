import { afterAll, describe, expect, it } from 'vitest';
import { parseServerOptions, type ServerOptions, ServerUsageError } from '../src/server-options.js';
import { startServer } from '../src/start-server.js';
import { fixtureStore } from './docs-fixture.js';

describe('docent-server options', () => {
  it.each([
    [['--store', 'redis'], {}, /--store must be "local" or "qdrant"/],
    [['--store', 'qdrant'], {}, /needs --qdrant-url or QDRANT_URL/],
    [['--rate-limit', 'lots'], {}, /<burst>\/<per-minute> such as 10\/30, or "off"/],
    [['--decline-threshold', '2'], {}, /--decline-threshold must be a number in range/],
    [['--port', 'eighty'], {}, /--port must be a number in range/],
    [[], { DOCENT_SECRET: 'short' }, /DOCENT_SECRET must be at least 16 characters/],
    [['--nope'], {}, /Unknown option '--nope'.*--help/],
  ])('%j %j is refused with a message that says what to write', (argv, env, message) => {
    expect(() => parseServerOptions(argv as string[], env as NodeJS.ProcessEnv)).toThrow(ServerUsageError);
    expect(() => parseServerOptions(argv as string[], env as NodeJS.ProcessEnv)).toThrow(message as RegExp);
  });

  it('reads flags and environment variables, flags first, and picks an LLM when a key is set', () => {
    const options = parseServerOptions(
      ['--port', '9000', '--allowed-origins', 'https://a.example, https://b.example'],
      {
        DOCENT_PORT: '7000',
        OPENAI_API_KEY: 'sk-test',
        DOCENT_RATE_LIMIT: 'off',
        DOCENT_DECLINE_THRESHOLD: '0.3',
      },
    ) as ServerOptions;
    expect(options.port).toBe(9000);
    expect(options.config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(options.config.rateLimit).toBeNull();
    expect(options.config.declineThreshold).toBe(0.3);
    expect(options.llm).toEqual({ model: 'gpt-4o-mini', apiKey: 'sk-test' });
    expect(options.secretGenerated).toBe(true);
  });
});

describe('startServer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('says which port is taken instead of crashing', async () => {
    const fixture = await fixtureStore();
    cleanups.push(fixture.cleanup);
    const first = await startServer(
      parseServerOptions(
        ['--index', fixture.path, '--port', '0', '--host', '127.0.0.1'],
        {},
      ) as ServerOptions,
      () => {},
    );
    cleanups.push(first.close);
    expect(first.describe).toMatch(/store local .* 9 chunks; embedder none; generator extractive/);
    const port = new URL(first.url).port;
    await expect(
      startServer(
        parseServerOptions(
          ['--index', fixture.path, '--port', port, '--host', '127.0.0.1'],
          {},
        ) as ServerOptions,
        () => {},
      ),
    ).rejects.toThrow(new RegExp(`Port ${port} on 127.0.0.1 is already in use`));
  });
});
