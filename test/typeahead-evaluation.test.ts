import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvalCorpus } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import type { TypeaheadReport } from '../eval/src/typeahead-evaluation.js';

const folder = await mkdtemp(join(tmpdir(), 'docent-typeahead-eval-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

/**
 * The search box's links percent-encode a Chinese anchor (`#%E5%BB%B6…`) while the index keeps it as the docs
 * write it: the evaluation must count such a section as found (it once scored every Chinese heading a miss).
 */
describe('search-as-you-type evaluation', () => {
  it('finds a section whose anchor is Chinese when its heading is typed', async () => {
    const docs = join(folder, 'zh');
    await mkdir(docs, { recursive: true });
    await writeFile(
      join(docs, 'supply-chain.md'),
      '# 缓解供应链攻击\n\n供应链攻击的概述。\n\n## 延迟依赖更新\n\n设置 minimumReleaseAge 以延迟安装新发布的版本。\n\n## 使用锁文件\n\n提交锁文件。\n',
    );
    const questions = join(folder, 'questions.jsonl');
    await writeFile(
      questions,
      `${JSON.stringify({
        id: 'z1',
        question: '如何延迟依赖更新？',
        kind: 'direct',
        expected: [{ path: 'zh/supply-chain.md', heading: '延迟依赖更新' }],
        facts: ['minimumReleaseAge'],
      })}\n`,
    );
    const corpus: EvalCorpus = {
      name: 'tiny-zh',
      root: folder,
      folders: [{ dir: 'zh', prefix: 'zh/', baseUrl: '/zh/docs', locale: 'zh', version: 'current' }],
      questions,
      questionsBy: 'team',
      locale: 'zh',
    };
    let report: TypeaheadReport | undefined;
    const [result] = await runEvaluation({
      corpus,
      questions: await readQuestions(questions),
      onTypeahead: (typeahead) => {
        report = typeahead;
      },
    });
    expect(result!.recallAt5).toBe(1);
    expect(report!.targets).toBe(1);
    expect(report!.docent.fullRecallAt5).toBe(1);
  });
});
