import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does with the next chat completion request. */
export type ChatScript = {
  /** Answer with this HTTP status and an OpenAI-style error body instead of streaming. */
  status?: number;
  /** Text to stream, split into word-sized deltas (default: echoes the last user message). */
  text?: string;
  /** Split `text` into deltas of this many characters instead (a single delta when larger than the text). */
  deltaSize?: number;
  /** Delay before the first byte, and between deltas. */
  firstByteDelayMs?: number;
  deltaDelayMs?: number;
  /** Close the connection after this many deltas, without finishing the stream. */
  cutAfterDeltas?: number;
  /** Never answer (to test time limits). */
  hang?: boolean;
  /**
   * The stream's `finish_reason` (default `stop`, or `tool_calls` with `toolCalls`); `null` ends the stream
   * (`[DONE]`) without any finish reason, as a server that drops it does.
   */
  finishReason?: string | null;
  /** Token usage to report (sent when the request asks, `stream_options.include_usage`); default: estimated. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Tool calls streamed after `text` (arguments in two deltas, as real APIs split them). */
  toolCalls?: { id?: string; name: string; arguments: string }[];
};

export type ChatBody = {
  model?: string;
  messages?: {
    role: string;
    content: unknown;
    tool_call_id?: string;
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  }[];
  [key: string]: unknown;
};
export type RecordedChat = { body: ChatBody; aborted: boolean };

/**
 * A small HTTP server speaking the OpenAI Chat Completions stream and the embeddings API, driven by the
 * real `openai` SDK in tests. Embeddings are deterministic bags of hashed words, so texts that share words
 * have similar vectors. Chat answers follow a script queue (then the default script).
 */
export class FakeOpenAI {
  readonly chats: RecordedChat[] = [];
  embeddingRequests = 0;
  embeddedTexts = 0;
  /** Statuses to answer embedding requests with, one per request, before answering normally. */
  embeddingFailures: number[] = [];
  /** `Retry-After` (seconds) sent with 429 embedding failures, when set. */
  embeddingRetryAfter: string | null = null;
  /** When each embeddings request arrived (ms since the epoch). */
  embeddingTimes: number[] = [];
  script: ChatScript[] = [];
  defaultScript: ChatScript = {};
  /** Answers a request when the script queue is empty, before `defaultScript` (a model that reads its input). */
  responder: ((body: ChatBody) => ChatScript | undefined) | null = null;
  /** Answer any request that offers `tools` with a 400, as models without tool support do. */
  rejectTools = false;
  /** Answer any request with `stream_options` with a 400, as some older servers do. */
  rejectStreamOptions = false;
  url = '';
  private server: Server | null = null;

  constructor(readonly dimensions = 32) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Deterministic embedding of a text (what the fake API returns for it). */
  vectorFor(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      let hash = 2166136261;
      for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
      vector[(hash >>> 0) % this.dimensions]! += 1;
    }
    return vector;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const body = raw ? JSON.parse(raw) : {};
    if (request.url?.endsWith('/embeddings')) return this.embeddings(body, response);
    if (request.url?.endsWith('/chat/completions')) return this.chat(body, request, response);
    response.writeHead(404).end();
  }

  private embeddings(body: { input: string[] | string }, response: ServerResponse): void {
    this.embeddingRequests++;
    this.embeddingTimes.push(Date.now());
    const failure = this.embeddingFailures.shift();
    if (failure) {
      sendError(
        response,
        failure,
        failure === 429 && this.embeddingRetryAfter ? { 'retry-after': this.embeddingRetryAfter } : {},
      );
      return;
    }
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    this.embeddedTexts += inputs.length;
    const data = inputs.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: this.vectorFor(text),
    }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ object: 'list', data, model: 'fake', usage: { prompt_tokens: 0, total_tokens: 0 } }),
    );
  }

  private async chat(body: ChatBody, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const record: RecordedChat = { body, aborted: false };
    this.chats.push(record);
    response.on('close', () => {
      if (!response.writableFinished) record.aborted = true;
    });
    request.on('aborted', () => {
      record.aborted = true;
    });
    const script = this.script.shift() ?? this.responder?.(body) ?? this.defaultScript;
    if (script.hang) return;
    await sleep(script.firstByteDelayMs ?? 0);
    if (this.rejectTools && Array.isArray(body.tools))
      return sendError(response, 400, {}, 'this model does not support tools');
    if (this.rejectStreamOptions && body.stream_options !== undefined)
      return sendError(response, 400, {}, 'unknown field stream_options');
    if (script.status) return sendError(response, script.status);
    const lastUser = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
    const text = script.text ?? (script.toolCalls ? '' : `You asked: ${String(lastUser?.content ?? '')}`);
    const toolCalls = (script.toolCalls ?? []).map((call, index) => ({
      id: call.id ?? `call_${this.chats.length}_${index}`,
      name: call.name,
      arguments: call.arguments,
    }));
    const finish =
      script.finishReason === undefined
        ? toolCalls.length > 0
          ? 'tool_calls'
          : 'stop'
        : script.finishReason;
    const usage = script.usage ?? {
      prompt_tokens: Math.ceil(JSON.stringify(body.messages ?? []).length / 4),
      completion_tokens: Math.ceil(
        (text.length + JSON.stringify(toolCalls).length * (toolCalls.length > 0 ? 1 : 0)) / 4,
      ),
    };
    const totals = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }],
          usage: totals,
        }),
      );
      return;
    }
    const size = script.deltaSize;
    const deltas = size
      ? Array.from({ length: Math.ceil(text.length / size) }, (_, n) => text.slice(n * size, (n + 1) * size))
      : (text.match(/\S+\s*|\s+/g) ?? []);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (delta: Record<string, unknown>, finish: string | null = null) =>
      response.write(
        `data: ${JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion.chunk',
          created: 0,
          model: body.model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    for (let i = 0; i < deltas.length; i++) {
      if (record.aborted) return;
      if (script.cutAfterDeltas !== undefined && i >= script.cutAfterDeltas) {
        // Let what was written reach the client, then drop the connection without finishing.
        await sleep(50);
        response.socket?.destroy();
        return;
      }
      send({ content: deltas[i] });
      if (script.deltaDelayMs) await sleep(script.deltaDelayMs);
    }
    for (const [index, call] of toolCalls.entries()) {
      const half = Math.ceil(call.arguments.length / 2);
      send({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments.slice(0, half) },
          },
        ],
      });
      send({ tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] });
    }
    if (finish !== null) send({}, finish);
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage)
      response.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage: totals })}\n\n`,
      );
    response.end('data: [DONE]\n\n');
  }
}

function sendError(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  message = `simulated ${status}`,
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ error: { message, type: 'fake_error', code: String(status) } }));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
