import { describe, expect, it } from 'vitest';
import { analyze, analyzerById, analyzerFor, languageOf } from './analyzer.js';

describe('analyze', () => {
  it('lowercases, drops stop words and stems', () => {
    expect(analyze('The Plugins are Configured in the config')).toEqual(['plugin', 'configur', 'config']);
  });

  it('keeps camelCase identifiers whole and also splits them into stemmed words', () => {
    const terms = analyze('Set baseUrl first');
    expect(terms).toContain('baseurl');
    expect(terms).toContain('base');
    expect(terms).toContain('url');
  });

  it('keeps flags, file names and scoped packages whole', () => {
    expect(analyze('run with --port 3000')).toEqual(expect.arrayContaining(['--port', 'port', '3000']));
    const docusaurus = analyze('Docusaurus')[0];
    expect(analyze('edit docusaurus.config.js')).toEqual(
      expect.arrayContaining(['docusaurus.config.js', docusaurus, 'config', 'js']),
    );
    expect(analyze('install @docusaurus/core')).toEqual(
      expect.arrayContaining(['@docusaurus/core', docusaurus, 'core']),
    );
  });

  it('matches a query word to its inflections in documents', () => {
    const [query] = analyze('configuring');
    expect(analyze('Configuration')).toContain(query);
    expect(analyze('configured')).toContain(query);
    expect(analyze('deploys')).toEqual(analyze('deploying'));
    expect(analyze('Deployment')).toEqual(analyze('deploy'));
  });

  it('does not keep sentence punctuation as part of a term', () => {
    expect(analyze('Use middleware.')).toEqual(['middlewar']);
  });

  it('handles non-Latin letters', () => {
    expect(analyze('Déploiement 部署')).toEqual(['déploiement', '部署']);
  });
});

describe('analyzers per locale', () => {
  it('cuts Chinese and Japanese text into words, dropping their stop words', () => {
    expect(analyzerFor('zh').analyze('如何为pnpm配置代理？')).toEqual(['pnpm', '配置', '代理']);
    expect(analyzerFor('zh-Hans').id).toBe(analyzerFor('zh').id);
    expect(analyzerFor('ja').analyze('設定する方法')).toEqual(expect.arrayContaining(['設定', '方法']));
  });

  it('keeps Latin words in a Chinese page as English terms, stop words included (`pnpm why`)', () => {
    expect(analyzerFor('zh').analyze('运行 pnpm why 命令 and configuring')).toEqual([
      '运行',
      'pnpm',
      'whi',
      '命令',
      'and',
      'configur',
    ]);
  });

  it('stems and drops stop words in the page language', () => {
    const french = analyzerFor('fr');
    expect(french.analyze('Comment est-ce que je configure le cache ?')).not.toContain('est');
    expect(french.analyze('configurations')).toEqual(french.analyze('configuration'));
    const german = analyzerFor('de');
    expect(german.analyze('Wie ist das?')).toEqual([]);
    expect(german.analyze('Pakete')).toEqual(german.analyze('Paket'));
    expect(german.id).toBe('de/snowball-german/segmenter@1');
  });

  it('reads text the same in NFC and NFD, and folds compatibility forms (NFKC)', () => {
    const composed = 'résumé'.normalize('NFC');
    expect(analyze(composed.normalize('NFD'))).toEqual(analyze(composed));
    expect(analyze('ｐｎｐｍ ＡＰＩ')).toEqual(['pnpm', 'api']);
  });

  it('indexes an identifier with colons whole and by its parts', () => {
    expect(analyze('android:keyboardNavigationCluster')).toEqual([
      'android:keyboardnavigationcluster',
      'android',
      'keyboard',
      'navig',
      'cluster',
    ]);
  });

  it('falls back to no stemming for a language Snowball does not cover, and English for no locale', () => {
    const polish = analyzerFor('pl');
    expect(polish.id).toBe('pl/none/segmenter@1');
    expect(polish.analyze('konfiguracji serwera')).toEqual(['konfiguracji', 'serwera']);
    expect(analyzerFor('not a locale!').language).toBe('und');
    expect(analyzerFor().id).toBe('en/porter2/segmenter@1');
  });

  it('finds an analyzer by the id an index recorded, and refuses one it does not know', () => {
    for (const locale of ['en', 'zh', 'fr', 'pl'])
      expect(analyzerById(analyzerFor(locale).id)).toBe(analyzerFor(locale));
    expect(() => analyzerById('en/porter2/segmenter@99')).toThrow(/unknown analyzer/);
    expect(() => analyzerById('xx/made-up/segmenter@1')).toThrow(/unknown analyzer/);
  });
});

describe('analyzers per locale, the edges', () => {
  it('reads Korean as syllable pairs, so a particle does not hide the word', () => {
    const korean = analyzerFor('ko');
    expect(korean.analyze('캐시는')).toContain('캐시');
    expect(korean.analyze('API를 쓰세요')).toContain('api');
  });

  it('cuts a long unpunctuated Chinese run into words instead of dropping it', () => {
    const run = '在公司网络中所有请求都要经过代理服务器'.repeat(10);
    expect(run.length).toBeGreaterThan(128);
    expect(analyzerFor('zh').analyze(run)).toContain('代理');
  });

  it('takes the script from the locale and POSIX names as BCP 47', () => {
    expect(languageOf('sr-Latn')).toBe('sr-Latn');
    expect(languageOf('sr')).toBe('sr');
    expect(languageOf('pt_BR')).toBe('pt');
    expect(languageOf('zh-Hans')).toBe('zh');
    expect(analyzerById(analyzerFor('sr-Latn').id)).toBe(analyzerFor('sr-Latn'));
    expect(analyzerById(analyzerFor('klingon').id).language).toBe('klingon');
  });

  it('drops soft hyphens, splits at zero-width spaces and lowercases the dotted I', () => {
    expect(analyze('Konfigu\u00adration')).toEqual(analyze('Konfiguration'));
    expect(analyze('alpha\u200bbeta')).toEqual(['alpha', 'beta']);
    expect(analyze('İSTANBUL')).toEqual(analyze('istanbul'));
    expect(analyzerFor('tr').analyze('KAPI')).toEqual(analyzerFor('tr').analyze('kapı'));
  });
});
