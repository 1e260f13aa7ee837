import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenApiValidator, RequestCheck } from './openapi-validator.js';

/**
 * An HTTP proxy in front of a real service (a real Qdrant for the store contract suite): every request is
 * checked against an OpenAPI document (`checks`, one per request, with its errors) and then passed on
 * unchanged, its answer returned unchanged. So the requests a real run sends are validated too, not only
 * those sent to a stand-in.
 */
export class ValidatingProxy {
  readonly checks: (RequestCheck & { method: string; url: string })[] = [];
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly target: string,
    private readonly validator: OpenApiValidator,
  ) {}

  /** Listens on a free loopback port. */
  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (chunk: Buffer) => parts.push(chunk));
      request.on('end', async () => {
        const raw = Buffer.concat(parts);
        const method = request.method!;
        const url = request.url!;
        let body: unknown;
        try {
          body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          body = raw.toString('utf8');
        }
        this.checks.push({ method, url, ...this.validator.check(method, url, body) });
        try {
          const headers = new Headers();
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
              headers.set(name, value);
          }
          const answer = await fetch(new URL(url, this.target), {
            method,
            headers,
            ...(raw.length > 0 ? { body: raw } : {}),
          });
          const answerBody = Buffer.from(await answer.arrayBuffer());
          response.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          response.end(answerBody);
        } catch (error) {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(`proxy: ${(error as Error).message}`);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The checks that found errors (an empty list when every request was valid). */
  invalid(): (RequestCheck & { method: string; url: string })[] {
    return this.checks.filter((check) => check.errors.length > 0);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
