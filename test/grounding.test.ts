import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderFiles, runIndex } from '@docent/indexer';
import { readStream, type StreamPart } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import { createApp } from '@docent/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Grounding round 3, end to end: real markdown indexed by the indexer's own run (small chunks, so a section
 * is cut right after a lead-in), asked over the real Hono app without an LLM.
 */
const filler = Array.from(
  { length: 14 },
  (_, index) => `Paragraph ${index} explains how the bundler treats module ${index} in this setup.`,
).join('\n\n');

const PAGES: Record<string, string> = {
  'install.md': `# Installation

## Install the packages

${filler}

Install both packages:

\`\`\`bash
npm install --save-dev @acme/cli @acme/core
${Array.from({ length: 12 }, (_, index) => `npx acme check --module ${index} --strict --report summary`).join('\n')}
\`\`\`
`,
  'targets.md': `# Targets

## Old browsers

Set \`forceAllTransforms\` to true to transform every syntax feature, whichever browsers you target.
`,
};

type Answer = { text: string; declined: boolean };

describe('answers that finish their thought and read the question, not the scene', () => {
  let folder: string;
  let store: LocalStore;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-grounding-'));
    await mkdir(join(folder, 'docs'));
    for (const [name, text] of Object.entries(PAGES)) await writeFile(join(folder, 'docs', name), text);
    const { files } = await folderFiles(join(folder, 'docs'), { baseUrl: '/docs' });
    store = await LocalStore.open({ path: join(folder, 'index.docent') });
    const { summary, chunks } = await runIndex({
      files,
      store,
      embedder: null,
      maxTokens: 200,
      needAllChunks: true,
    });
    expect(summary.errors).toEqual([]);
    // The premise: the section is cut right after its lead-in, so the command is in the next chunk.
    const leadIn = chunks.find((chunk) => chunk.text.trimEnd().endsWith('Install both packages:'));
    expect(leadIn).toBeDefined();
    app = createApp({ store, config: { rateLimit: null }, log: () => {} });
  });
  afterAll(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function ask(text: string): Promise<Answer> {
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
    });
    expect(response.status).toBe(200);
    const parts: StreamPart[] = [];
    await readStream(response.body!, (part) => parts.push(part));
    let answer = '';
    let declined = false;
    for (const part of parts) {
      if (part.type === 'text-delta') answer += part.delta;
      if (part.type === 'data-answer') declined = part.data.declined;
    }
    return { text: answer, declined };
  }

  it('quotes a lead-in with the command it introduces, from the next chunk of the section', async () => {
    const answer = await ask('Install both packages');
    expect(answer.declined).toBe(false);
    expect(answer.text).toContain('Install both packages:');
    expect(answer.text).toContain('npm install --save-dev @acme/cli @acme/core');
  });

  it('answers a question whose scene-setting sentence uses words no page has', async () => {
    const question =
      'Our bundle still goes through an old compressor that chokes on arrow functions. How do I transform every syntax feature for old browsers?';
    const answer = await ask(question);
    expect(answer.declined).toBe(false);
    expect(answer.text).toContain('forceAllTransforms');
    // The same missing word asked about directly is a topic the docs lack.
    expect((await ask('How do I configure the compressor?')).declined).toBe(true);
  });
});
