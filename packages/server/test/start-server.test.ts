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

  it('reports the address it listens on: every interface is 0.0.0.0, not localhost', async () => {
    const fixture = await fixtureStore();
    cleanups.push(fixture.cleanup);
    const start = (host: string) =>
      startServer(
        parseServerOptions(['--index', fixture.path, '--port', '0', '--host', host], {}) as ServerOptions,
        () => {},
      );
    const everywhere = await start('0.0.0.0');
    cleanups.push(everywhere.close);
    const port = new URL(everywhere.url).port;
    expect(everywhere.listening).toBe(`http://0.0.0.0:${port}`);
    expect(everywhere.url).toBe(`http://localhost:${port}`);
    const loopback = await start('127.0.0.1');
    cleanups.push(loopback.close);
    expect(loopback.listening).toBe(loopback.url);
    expect((await fetch(`${loopback.listening}/healthz`)).status).toBe(200);
  });
});

describe('startServer with an embedding model', () => {
  it('embeds questions for an index built with the same model, and turns dense search off for another', async () => {
    const { FakeOpenAI } = await import('@docent/test-support');
    const { LocalStore } = await import('@docent/retrieval');
    const { fixtureChunks } = await import('./docs-fixture.js');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const api = await new FakeOpenAI(16).start();
    const folder = await mkdtemp(join(tmpdir(), 'docent-dense-'));
    const path = join(folder, 'index.docent');
    const chunks = fixtureChunks().map((chunk) => ({ ...chunk, vector: api.vectorFor(chunk.text) }));
    const writer = await LocalStore.open({ path });
    await writer.publish(chunks, { embedder: { id: 'openai:fake-embed', dimensions: 16 }, builtAt: 'now' });
    const logs: string[] = [];
    const start = (model: string) =>
      startServer(
        parseServerOptions(
          [
            '--index',
            path,
            '--port',
            '0',
            '--host',
            '127.0.0.1',
            '--embedding-model',
            model,
            '--embedding-base-url',
            api.url,
          ],
          {
            OPENAI_API_KEY: 'k',
            DOCENT_LLM_MODEL: '',
          },
        ) as ServerOptions,
        (line) => logs.push(line),
      );
    const same = await start('fake-embed');
    expect(same.describe).toMatch(/embedder openai:fake-embed/);
    const before = api.embeddingRequests;
    const response = await fetch(`${same.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ role: 'user', parts: [{ type: 'text', text: 'docker compose non-root image' }] }],
      }),
    });
    expect(await response.text()).toContain('/docs/deployment#docker');
    expect(api.embeddingRequests).toBe(before + 1);
    await same.close();

    const other = await start('another-model');
    expect(logs.join('\n')).toMatch(
      /embedded with openai:fake-embed .* dense search is off until they match/,
    );
    const ask = () =>
      fetch(`${other.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ role: 'user', parts: [{ type: 'text', text: 'docker compose non-root image' }] }],
        }),
      });
    // Another model's vectors do not compare: the question is answered lexically, never a 500.
    const mismatched = api.embeddingRequests;
    const lexical = await ask();
    expect(lexical.status).toBe(200);
    expect(await lexical.text()).toContain('/docs/deployment#docker');
    expect(api.embeddingRequests).toBe(mismatched);
    const ready = (await (await fetch(`${other.url}/readyz`)).json()) as { warning?: string };
    expect(ready.warning).toMatch(
      /embedded with openai:fake-embed, not openai:another-model: .*lexically only/,
    );
    // The index is rebuilt with the service's model: dense search comes back with no restart.
    await writer.publish(chunks, {
      embedder: { id: 'openai:another-model', dimensions: 16 },
      builtAt: 'later',
    });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const body = (await (await fetch(`${other.url}/readyz`)).json()) as { warning?: string };
      if (!body.warning) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const matched = api.embeddingRequests;
    expect((await ask()).status).toBe(200);
    expect(api.embeddingRequests).toBe(matched + 1);
    await other.close();
    await writer.close();
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  });
});

/** The real server on a free port with some of its config changed, and a raw TCP connection to it. */
async function rawConnection(config: Partial<ServerOptions['config']>) {
  const { connect } = await import('node:net');
  const fixture = await fixtureStore();
  const options = parseServerOptions(
    ['--index', fixture.path, '--port', '0', '--host', '127.0.0.1'],
    {},
  ) as ServerOptions;
  const server = await startServer({ ...options, config: { ...options.config, ...config } }, () => {});
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return {
    socket,
    close: async () => {
      socket.destroy();
      await server.close();
      await fixture.cleanup();
    },
  };
}

describe('startServer when things are slow or missing', () => {
  it('starts not ready while Qdrant is unreachable, and becomes ready when it answers', async () => {
    const { RecordingQdrant, freePort } = await import('@docent/test-support');
    const { QdrantStore } = await import('@docent/retrieval');
    const { fixtureChunks, INFO } = await import('./docs-fixture.js');
    const port = await freePort();
    const logs: string[] = [];
    const server = await startServer(
      parseServerOptions(
        [
          '--store',
          'qdrant',
          '--qdrant-url',
          `http://127.0.0.1:${port}`,
          '--port',
          '0',
          '--host',
          '127.0.0.1',
        ],
        {},
      ) as ServerOptions,
      (line) => logs.push(line),
    );
    expect(logs.join('\n')).toMatch(/not ready: the store cannot be read yet/);
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    const qdrant = await new RecordingQdrant().start(port);
    const writer = new QdrantStore({ url: qdrant.url, collection: 'docent' });
    await writer.publish(fixtureChunks(), INFO);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${server.url}/readyz`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    await server.close();
    await qdrant.stop();
  });

  it('closes a connection whose request body never finishes arriving', async () => {
    const { socket, close } = await rawConnection({ requestTimeoutMs: 500 });
    // Headers announce 1,000 bytes; 10 arrive, then nothing.
    socket.write(
      'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"message',
    );
    const started = Date.now();
    let reply = '';
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
    });
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    await close();
  });

  it('closes the connection of a client that stopped reading, once its bounded answer is written', async () => {
    const { socket, close } = await rawConnection({ answerTimeoutMs: 400 });
    const body = JSON.stringify({ messages: [{ role: 'user', parts: [{ type: 'text', text: 'docker' }] }] });
    socket.write(
      `POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // The client never reads: the socket is paused, so nothing is consumed on this side. The answer is bounded
    // (20,000 characters), so the server finishes writing it into the socket's buffers and then closes the
    // idle connection (keep-alive 5 s); while it is still writing, the idle timeout (2 x the answer limit) does.
    socket.pause();
    let ended = false;
    socket.once('close', () => {
      ended = true;
    });
    // A paused socket does not see the server's FIN until it reads again: wait past the keep-alive limit,
    // then read what was buffered; the connection must already be over.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    socket.resume();
    const closed = await new Promise<boolean>((resolve) => {
      if (ended) return resolve(true);
      const timer = setTimeout(() => resolve(false), 1_000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    expect(closed).toBe(true);
    await close();
  });
});

describe('startServer --static', () => {
  it('serves a build under the baseUrl the site was built with, as it is deployed', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { INFO } = await import('./docs-fixture.js');
    const fixture = await fixtureStore({ info: { ...INFO, baseUrl: '/product/' } });
    const build = join(fixture.folder, 'build');
    await mkdir(join(build, 'docs', 'intro'), { recursive: true });
    await mkdir(join(build, 'assets'), { recursive: true });
    await writeFile(join(build, 'docs', 'intro', 'index.html'), '<h2 id="setup">Setup</h2>');
    await writeFile(join(build, 'assets', 'main.css'), 'body{}');
    await writeFile(join(build, 'index.html'), '<h1>Home</h1>');
    const service = await startServer(
      parseServerOptions(
        ['--index', fixture.path, '--port', '0', '--host', '127.0.0.1', '--static', build],
        {},
      ) as ServerOptions,
      () => {},
    );
    try {
      const page = await fetch(`${service.url}/product/docs/intro/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('id="setup"');
      expect((await fetch(`${service.url}/product/assets/main.css`)).status).toBe(200);
      const root = await fetch(`${service.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/product/');
      expect(await (await fetch(`${service.url}/product/`)).text()).toContain('Home');
    } finally {
      await service.close();
      await fixture.cleanup();
    }
  });
});
