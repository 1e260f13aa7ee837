import type { AddressInfo } from 'node:net';
import { readStream, type StreamPart } from '@docent/protocol';
import { serve } from '@hono/node-server';

type App = { fetch: (request: Request) => Response | Promise<Response> };

/** Serves an app on a free loopback port, for tests that need real HTTP. */
export async function listen(app: App): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const created = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(created));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function question(text: string, extra: Record<string, unknown> = {}) {
  return { messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }], ...extra };
}

/** Reads an SSE body into its parts (the `[DONE]` sentinel is returned as the string "DONE"). */
export async function readParts(response: Response): Promise<(StreamPart | 'DONE')[]> {
  const parts: (StreamPart | 'DONE')[] = [];
  if (!response.body) return parts;
  if (await readStream(response.body, (part) => parts.push(part))) parts.push('DONE');
  return parts;
}

export function answerText(parts: (StreamPart | 'DONE')[]): string {
  return parts
    .filter(
      (part): part is Extract<StreamPart, { type: 'text-delta' }> =>
        part !== 'DONE' && part.type === 'text-delta',
    )
    .map((part) => part.delta)
    .join('');
}
