import type { Chunk } from '@docent/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/docs-fixture.js';
import { completeLeadIns } from './complete-lead-ins.js';

function chunk(id: string, url: string, headings: string[], body: string): Chunk {
  return {
    id,
    text: `${headings.join(' > ')}\n\n${body}`,
    sourcePath: `${url.split('#')[0]!.replace('/docs/', '')}.md`,
    headings,
    url,
    title: headings[0]!,
    locale: 'en',
    version: 'current',
    hash: id,
  };
}

const top = ['Three Principles'];
const PAGE = [
  chunk('p0', '/docs/principles', top, 'Redux can be described in three fundamental principles:'),
  chunk('p1', '/docs/principles#single-source-of-truth', [...top, 'Single source of truth'], 'One store.'),
  chunk('p2', '/docs/principles#single-source-of-truth', [...top, 'Single source of truth'], 'Cut here.'),
  chunk('p3', '/docs/principles#example', [...top, 'Single source of truth', 'Example'], 'A deeper one.'),
  chunk('p4', '/docs/principles#state-is-read-only', [...top, 'State is read-only'], 'Emit an action.'),
  // A section whose text is all in its subsection has no chunk of its own.
  chunk(
    'p5',
    '/docs/principles#reducers',
    [...top, 'Changes are made with pure functions', 'Reducers'],
    'Reducers:',
  ),
];
const STEPS = [
  chunk('s0', '/docs/steps#fix', ['Steps', 'Fix'], 'It needs to be rewritten like this:'),
  chunk('s1', '/docs/steps#fix', ['Steps', 'Fix'], '```js\nreturn [...state, item]\n```\n\nThen test it.'),
  chunk('s2', '/docs/steps#next', ['Steps', 'Next'], 'Read on:'),
  chunk('s3', '/docs/steps#last', ['Steps', 'Last'], 'The end.'),
];

const ZH = [
  chunk('z0', '/zh/docs/install#steps', ['安装', '步骤'], '运行以下命令：'),
  chunk('z1', '/zh/docs/install#steps', ['安装', '步骤'], '```bash\npnpm add -D docent\n```\n\n然后构建。'),
];

let fixture: Awaited<ReturnType<typeof fixtureStore>>;
beforeAll(async () => {
  fixture = await fixtureStore({ chunks: [...PAGE, ...STEPS, ...ZH] });
});
afterAll(() => fixture.cleanup());

describe('completeLeadIns', () => {
  it('lists the sections a lead-in introduces when it ends its own section, and never mutates', async () => {
    const before = PAGE[0]!.text;
    const [completed] = await completeLeadIns([PAGE[0]!], fixture.store);
    expect(completed!.text).toBe(
      `${before}\n\n- Single source of truth\n- State is read-only\n- Changes are made with pure functions`,
    );
    expect(PAGE[0]!.text).toBe(before);
  });

  it('reads a Chinese lead-in, which ends in a full-width colon', async () => {
    const [completed] = await completeLeadIns([ZH[0]!], fixture.store);
    expect(completed!.text).toBe('安装 > 步骤\n\n运行以下命令：\n\n```bash\npnpm add -D docent\n```');
  });

  it('adds the first block of the next chunk when the section goes on there', async () => {
    const [completed] = await completeLeadIns([STEPS[0]!], fixture.store);
    expect(completed!.text).toBe(
      'Steps > Fix\n\nIt needs to be rewritten like this:\n\n```js\nreturn [...state, item]\n```',
    );
  });

  it('leaves a lead-in alone when a sibling section or nothing follows', async () => {
    const sources = [STEPS[2]!, PAGE[5]!, PAGE[4]!];
    expect(await completeLeadIns(sources, fixture.store)).toEqual(sources);
  });

  it('leaves the sources as they were when the store fails', async () => {
    const failing = {
      page: async () => {
        throw new Error('store down');
      },
    };
    expect(await completeLeadIns([PAGE[0]!], failing)).toEqual([PAGE[0]]);
  });
});
