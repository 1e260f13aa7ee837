// Runs the fake OpenAI-compatible API as its own process (for benchmarks), printing its URL.
// FAKE_DELTA_DELAY_MS and FAKE_FIRST_BYTE_DELAY_MS slow its answers; FAKE_TEXT sets the answer.
import { FakeOpenAI } from './fake-openai.js';

const fake = await new FakeOpenAI().start();
fake.defaultScript = {
  text: process.env.FAKE_TEXT ?? 'Docent streams answers as they are written [1]. '.repeat(4),
  deltaDelayMs: Number(process.env.FAKE_DELTA_DELAY_MS ?? 0),
  firstByteDelayMs: Number(process.env.FAKE_FIRST_BYTE_DELAY_MS ?? 0),
};
// The bench only reads the counters; drop recorded requests so memory stays flat under load.
setInterval(() => fake.chats.splice(0), 1000).unref();
console.log(`fake-openai ${fake.url}`);
process.on('SIGTERM', () => process.exit(0));
