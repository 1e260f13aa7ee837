import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = { method: string; url: string; body: unknown };

type Point = { id: string; vector: unknown; payload: Record<string, unknown> };

/**
 * A stand-in for a Qdrant server (none can run here): it records every request and keeps just enough
 * state (collections, aliases, points) to answer the store's calls in Qdrant's response shapes. It does
 * not rank: the real ranking is covered by the contract suite against a real Qdrant (QDRANT_URL).
 */
type BatchSearch = {
  query?: { indices?: number[] };
  using?: string;
  limit?: number;
  filter?: { must?: { key: string; match: { value: unknown } }[] };
};

export class RecordingQdrant {
  readonly requests: RecordedRequest[] = [];
  private readonly collections = new Map<string, { points: Map<string, Point>; config: unknown }>();
  private readonly aliases = new Map<string, string>();
  private server: Server | null = null;
  /** Answer upserts with 500 (to test failed rebuilds). */
  failUpserts = false;
  /** Answer collection deletes with 500 (to test a rebuild that cannot clean up). */
  failDeletes = false;
  url = '';

  /** Listens on `port` (0: any free port). */
  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => {
        raw += chunk;
      });
      request.on('end', () => {
        const body = raw ? JSON.parse(raw) : undefined;
        this.requests.push({ method: request.method!, url: request.url!, body });
        const { status, result } = this.answer(
          request.method!,
          new URL(request.url!, 'http://x').pathname,
          body,
        );
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(status < 300 ? { result, status: 'ok', time: 0 } : { status: { error: result } }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  aliasTarget(alias: string): string | undefined {
    return this.aliases.get(alias);
  }

  private resolve(name: string) {
    return this.collections.get(this.aliases.get(name) ?? name);
  }

  // biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON; the OpenAPI check types them.
  private answer(method: string, path: string, body: any): { status: number; result: unknown } {
    const done = { operation_id: this.requests.length, status: 'completed' };
    const segments = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/aliases') {
      return {
        status: 200,
        result: {
          aliases: [...this.aliases].map(([alias_name, collection_name]) => ({
            alias_name,
            collection_name,
          })),
        },
      };
    }
    if (method === 'POST' && path === '/collections/aliases') {
      for (const action of body.actions) {
        if (action.delete_alias) this.aliases.delete(action.delete_alias.alias_name);
        if (action.create_alias)
          this.aliases.set(action.create_alias.alias_name, action.create_alias.collection_name);
      }
      return { status: 200, result: true };
    }
    const name = decodeURIComponent(segments[1] ?? '');
    const rest = segments.slice(2).join('/');
    if (method === 'PUT' && rest === '') {
      this.collections.set(name, { points: new Map(), config: body });
      return { status: 200, result: true };
    }
    if (method === 'DELETE' && rest === '') {
      if (this.failDeletes) return { status: 500, result: 'simulated delete failure' };
      return { status: 200, result: this.collections.delete(name) };
    }
    const collection = this.resolve(name);
    if (!collection) return { status: 404, result: `Collection ${name} not found` };
    if (method === 'GET' && rest === '') {
      return {
        status: 200,
        result: { status: 'green', points_count: collection.points.size, config: collection.config },
      };
    }
    if (method === 'PUT' && rest === 'index') return { status: 200, result: done };
    if (method === 'PUT' && rest === 'points') {
      if (this.failUpserts) return { status: 500, result: 'simulated failure' };
      for (const point of body.points as Point[]) collection.points.set(point.id, point);
      return { status: 200, result: done };
    }
    if (method === 'POST' && rest === 'points/delete') {
      const ids = new Set(body.filter?.must?.[0]?.match?.any ?? []);
      for (const [id, point] of collection.points)
        if (ids.has(point.payload.chunk_id)) collection.points.delete(id);
      return { status: 200, result: done };
    }
    if (method === 'POST' && rest === 'points/query') {
      const points = [...collection.points.values()].slice(0, body.limit ?? 10);
      return {
        status: 200,
        result: {
          points: points.map((point) => ({ id: point.id, version: 0, score: 1, payload: point.payload })),
        },
      };
    }
    if (method === 'POST' && rest === 'points/query/batch') {
      // Each search is answered honestly for what the store asks of it: points whose sparse vector has the
      // queried dimension and whose payload matches the filter's `must` values.
      const result = (body.searches as BatchSearch[]).map((search) => {
        const wanted = new Set(search.query?.indices ?? []);
        const matches = [...collection.points.values()].filter((point) => {
          const vectors = point.vector as Record<string, { indices?: number[] }> | undefined;
          const sparse = vectors?.[search.using ?? ''];
          if (!sparse?.indices?.some((index) => wanted.has(index))) return false;
          return (search.filter?.must ?? []).every(
            (condition) => point.payload[condition.key] === condition.match.value,
          );
        });
        return {
          points: matches
            .slice(0, search.limit ?? 10)
            .map((point) => ({ id: point.id, version: 0, score: 1 })),
        };
      });
      return { status: 200, result };
    }
    if (method === 'POST' && rest === 'points/scroll') {
      // Filtered by the `must` values a page read sends (`path`); paging is not emulated.
      const must = (body.filter as { must?: { key: string; match: { value?: unknown } }[] } | undefined)
        ?.must;
      const kept = [...collection.points.values()].filter((point) =>
        (must ?? []).every((condition) => point.payload[condition.key] === condition.match.value),
      );
      const points = kept.map((point) => ({
        id: point.id,
        payload: point.payload,
        vector: point.vector,
      }));
      return { status: 200, result: { points, next_page_offset: null } };
    }
    if (method === 'POST' && rest === 'facet') {
      const counts = new Map<string, number>();
      for (const point of collection.points.values()) {
        const value = String(point.payload[body.key]);
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return { status: 200, result: { hits: [...counts].map(([value, count]) => ({ value, count })) } };
    }
    return { status: 404, result: `${method} ${path} is not emulated` };
  }
}
