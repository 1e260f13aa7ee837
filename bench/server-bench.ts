import OpenAI from 'openai';
import { entryPid, peakRssMb, startProcess } from './processes.js';
import { median, percentile } from './statistics.js';

const QUESTIONS = [
  'How do I get a path parameter?',
  'How do I set a cookie?',
  'How do I return JSON from a handler?',
  'How do I add CORS to my app?',
  'How do I deploy to Cloudflare Workers?',
  'What is the RPC feature?',
  'How do I validate a request body with Zod?',
  'How can I stream a response?',
];

function body(question: string): string {
  return JSON.stringify({ messages: [{ role: 'user', parts: [{ type: 'text', text: question }] }] });
}

type Timing = { firstSourceMs: number; firstTextMs: number; totalMs: number; ok: boolean };

/** Posts one question and reads the stream to its end, timing the first source and the first text. */
async function timedAsk(url: string, question: string): Promise<Timing> {
  const started = performance.now();
  let firstSourceMs = Number.NaN;
  let firstTextMs = Number.NaN;
  let ok = false;
  try {
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(question),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (Number.isNaN(firstSourceMs) && text.includes('"source-url"'))
        firstSourceMs = performance.now() - started;
      if (Number.isNaN(firstTextMs) && text.includes('"text-delta"'))
        firstTextMs = performance.now() - started;
    }
    ok = response.status === 200 && text.includes('"finish"') && !text.includes('"type":"error"');
  } catch {
    ok = false;
  }
  return { firstSourceMs, firstTextMs, totalMs: performance.now() - started, ok };
}

async function startServer(index: string, extra: string[], env: NodeJS.ProcessEnv = {}) {
  const server = await startProcess(
    'packages/server/src/cli.ts',
    ['--index', index, '--port', '0', '--host', '127.0.0.1', '--rate-limit', 'off', ...extra],
    env,
    /listening on (http:\/\/\S+): /,
  );
  return { ...server, url: server.match[1]! };
}

export type ServerFigures = {
  firstSourceP50Ms: number;
  firstSourceP95Ms: number;
  ttftOverheadMs: number;
  llmDirectTtftMs: number;
  retrievalRps: number;
  concurrentStreams: number;
  concurrentErrors: number;
  peakRssMb: number;
};

/** Time to first source (extractive), TTFT overhead over an instant fake LLM, retrieval-only throughput. */
export async function measureServer(index: string, options: { streams: number }): Promise<ServerFigures> {
  const extractive = await startServer(index, []);
  const fast = await startProcess('test-support/src/fake-openai-cli.ts', [], {}, /fake-openai (\S+)/);
  const slow = await startProcess(
    'test-support/src/fake-openai-cli.ts',
    [],
    { FAKE_DELTA_DELAY_MS: '100', FAKE_TEXT: 'word '.repeat(40) },
    /fake-openai (\S+)/,
  );
  const withLlm = await startServer(index, ['--llm-model', 'fake', '--llm-base-url', fast.match[1]!], {
    OPENAI_API_KEY: 'k',
  });
  const withSlowLlm = await startServer(index, ['--llm-model', 'fake', '--llm-base-url', slow.match[1]!], {
    OPENAI_API_KEY: 'k',
  });
  try {
    for (let i = 0; i < 30; i++) await timedAsk(extractive.url, QUESTIONS[i % QUESTIONS.length]!);
    const sources: number[] = [];
    for (let i = 0; i < 300; i++)
      sources.push((await timedAsk(extractive.url, QUESTIONS[i % QUESTIONS.length]!)).firstSourceMs);

    // TTFT: the same fake LLM, asked directly through the openai SDK, then through Docent.
    const client = new OpenAI({ baseURL: fast.match[1]!, apiKey: 'k' });
    const direct: number[] = [];
    const through: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const stream = await client.chat.completions.create({
        model: 'fake',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      });
      for await (const part of stream) {
        if (part.choices[0]?.delta?.content) {
          direct.push(performance.now() - started);
          break;
        }
      }
      through.push((await timedAsk(withLlm.url, QUESTIONS[i % QUESTIONS.length]!)).firstTextMs);
    }

    // Retrieval-only answers per second: 8 clients in a closed loop for 5 s.
    let completed = 0;
    const deadline = performance.now() + 5000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let i = client; performance.now() < deadline; i += 8) {
          if ((await timedAsk(extractive.url, QUESTIONS[i % QUESTIONS.length]!)).ok) completed++;
        }
      }),
    );

    // Concurrent streams held open against a slow LLM (40 deltas, 100 ms apart: ~4 s each).
    const results = await Promise.all(
      Array.from({ length: options.streams }, (_, i) =>
        timedAsk(withSlowLlm.url, QUESTIONS[i % QUESTIONS.length]!),
      ),
    );
    const errors = results.filter((result) => !result.ok).length;
    return {
      firstSourceP50Ms: percentile(sources, 50),
      firstSourceP95Ms: percentile(sources, 95),
      ttftOverheadMs: median(through) - median(direct),
      llmDirectTtftMs: median(direct),
      retrievalRps: completed / 5,
      concurrentStreams: options.streams - errors,
      concurrentErrors: errors,
      peakRssMb: peakRssMb(entryPid(withSlowLlm.process.pid!)),
    };
  } finally {
    await Promise.all([extractive.stop(), withLlm.stop(), withSlowLlm.stop(), fast.stop(), slow.stop()]);
  }
}
