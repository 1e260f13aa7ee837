import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { folderFiles, runIndex } from '@docent/indexer';
import type { StreamPart } from '@docent/protocol';
import { readStream } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import { createApp } from '@docent/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Readers of every language, end to end: real markdown pages in locale folders, indexed by the indexer's own
 * run (real remark parsing), asked over the real Hono app in the reader's locale. Each case is a report from
 * the languages issue (Chinese, French and German, NFC/NFD, identifiers inside longer tokens).
 */
const PAGES: Record<string, Record<string, string>> = {
  zh: {
    'proxy.md': `---
title: 代理设置
---

# 代理设置

## 配置代理服务器

在公司网络中，所有请求都要经过代理服务器。在配置文件中设置 \`httpsProxy\`，例如 \`httpsProxy: https://proxy.example:8080\`。如果代理需要用户名和密码，请对它们进行 URL 编码。
`,
    'logging.md': `---
title: 日志
---

# 日志

## 日志级别

使用 \`loglevel\` 设置控制输出的详细程度。可选值为 \`debug\`、\`info\`、\`warn\` 和 \`error\`。调试问题时，把日志级别设为 \`debug\` 可以看到每一个网络请求。

## 日志文件

默认情况下，日志只输出到终端。设置 \`logFile\` 可以把日志写入文件，便于以后排查错误。
`,
  },
  en: {
    'cache.md': `# Cache

## Clearing the cache

The cache stores every downloaded package. Run \`tool cache clean\` to delete it when the disk is full.
`,
    'resume.md': `# Writing a résumé

## Résumé templates

Pick a résumé template from the gallery and export it as a PDF.
`,
    'client.md': `# Client options

## Retries

Set \`client.opts.retry.maxAttempts\` to choose how many times a failed request is sent again before the client gives up (default 3).

## Keyboard navigation

On Android, mark a view group as a cluster so that keyboard users can jump between clusters:

\`\`\`xml
<LinearLayout android:keyboardNavigationCluster="true" />
\`\`\`
`,
  },
  ko: {
    'cache.md': `# 캐시

## 캐시 비우기

캐시는 내려받은 모든 패키지를 보관합니다. 디스크가 가득 차면 \`tool cache clean\`을 실행해 캐시를 비우세요.
`,
  },
  'sr-Latn': {
    'proxy.md': `# Proksi

## Podešavanje proksi servera

U mreži kompanije svi zahtevi idu preko proksi servera. Podesite \`httpsProxy\` u konfiguracionoj datoteci.
`,
  },
  fr: {
    'cache.md': `# Cache

## Vider le cache

Le cache conserve chaque paquet téléchargé. Lancez \`tool cache clean\` pour le supprimer quand le disque est plein.
`,
  },
  de: {
    'cache.md': `# Cache

## Den Cache leeren

Der Cache speichert jedes heruntergeladene Paket. Führen Sie \`tool cache clean\` aus, um ihn zu löschen, wenn die Festplatte voll ist.
`,
  },
};

type Answer = { sources: string[]; declined: boolean; text: string };

describe('readers in every language', () => {
  let folder: string;
  let store: LocalStore;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-languages-'));
    const files = [];
    for (const [locale, pages] of Object.entries(PAGES)) {
      for (const [name, text] of Object.entries(pages)) {
        const path = join(folder, 'docs', locale, name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, text);
      }
      const baseUrl = locale === 'en' ? '/docs' : `/${locale}/docs`;
      files.push(...(await folderFiles(join(folder, 'docs', locale), { baseUrl, locale })).files);
    }
    store = await LocalStore.open({ path: join(folder, 'index.docent') });
    const { summary } = await runIndex({ files, store, embedder: null });
    expect(summary.errors).toEqual([]);
    app = createApp({ store, config: { rateLimit: null }, log: () => {} });
  });
  afterAll(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function ask(text: string, locale: string): Promise<Answer> {
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
        context: { locale },
      }),
    });
    expect(response.status).toBe(200);
    const answer: Answer = { sources: [], declined: false, text: '' };
    await readStream(response.body!, (part: StreamPart) => {
      // Sources are percent-encoded on the wire; compared here as the reader reads them.
      if (part.type === 'source-url') answer.sources.push(decodeURI(part.url));
      if (part.type === 'text-delta') answer.text += part.delta;
      if (part.type === 'data-answer') answer.declined = part.data.declined;
    });
    return answer;
  }

  it('answers Chinese questions from Chinese pages, cut into words', async () => {
    const cases = [
      ['公司网络要求使用代理服务器，应该怎么配置？', '/zh/docs/proxy#配置代理服务器'],
      ['怎样把日志写入文件？', '/zh/docs/logging#日志文件'],
      ['日志级别有哪些可选值？', '/zh/docs/logging#日志级别'],
    ] as const;
    for (const [question, section] of cases) {
      const answer = await ask(question, 'zh');
      expect(answer.declined, question).toBe(false);
      expect(answer.sources[0], question).toBe(section);
    }
  });

  it('answers the same page in English, French and German, each asked in its own language', async () => {
    const cases = [
      ['How do I clear the cache when the disk is full?', 'en', '/docs/cache#clearing-the-cache'],
      [
        'Comment est-ce que je vide le cache quand le disque est plein ?',
        'fr',
        '/fr/docs/cache#vider-le-cache',
      ],
      ['Wie leere ich den Cache, wenn die Festplatte voll ist?', 'de', '/de/docs/cache#den-cache-leeren'],
    ] as const;
    for (const [question, locale, section] of cases) {
      const answer = await ask(question, locale);
      expect(answer.declined, question).toBe(false);
      expect(answer.sources[0], question).toBe(section);
    }
  });

  it('answers Korean whatever particle the question attaches, and Latin-script Serbian as itself', async () => {
    for (const [question, locale, section] of [
      ['캐시는 어떻게 비우나요?', 'ko', '/ko/docs/cache#캐시-비우기'],
      ['Kako da podesim proksi server?', 'sr-Latn', '/sr-Latn/docs/proxy#podešavanje-proksi-servera'],
    ] as const) {
      const answer = await ask(question, locale);
      expect(answer.declined, question).toBe(false);
      expect(answer.sources[0], question).toBe(section);
    }
  });

  it('reads a long Chinese question with no punctuation', async () => {
    const question = `我们公司的网络环境比较特殊所有对外的请求都必须经过公司统一部署的代理服务器${'请告诉我'.repeat(25)}应该怎么配置代理服务器`;
    expect(question.length).toBeGreaterThan(128);
    const answer = await ask(question, 'zh');
    expect(answer.declined).toBe(false);
    expect(answer.sources[0]).toBe('/zh/docs/proxy#配置代理服务器');
  });

  it('reads a question the same in NFC and in NFD', async () => {
    const composed = 'Where do I find résumé templates?'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const [first, second] = [await ask(composed, 'en'), await ask(decomposed, 'en')];
    expect(first.declined).toBe(false);
    expect(second.declined).toBe(false);
    expect(second.sources).toEqual(first.sources);
    expect(first.sources[0]).toBe('/docs/resume#résumé-templates');
  });

  it('answers questions that name an identifier inside a longer token', async () => {
    for (const [question, section] of [
      ['What does opts.retry.maxAttempts do?', '/docs/client#retries'],
      ['What does maxAttempts do?', '/docs/client#retries'],
      ['What is android:keyboardNavigationCluster for?', '/docs/client#keyboard-navigation'],
      ['Where do I set keyboardNavigationCluster?', '/docs/client#keyboard-navigation'],
    ] as const) {
      const answer = await ask(question, 'en');
      expect(answer.sources[0], question).toBe(section);
      expect(answer.declined, question).toBe(false);
    }
  });

  it('still declines, in Chinese, what the pages do not cover', async () => {
    const answer = await ask('如何配置 Kubernetes Operator？', 'zh');
    expect(answer.declined).toBe(true);
  });
});
