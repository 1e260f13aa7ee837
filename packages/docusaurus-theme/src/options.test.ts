import { MANIFEST_FILE_NAME } from '@docent/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME_CONFIG, validateThemeConfig } from './options.js';
import { MANIFEST_FILE } from './write-manifest.js';

type Schema = { validate: (value: unknown) => { error?: Error; value: unknown } };

/** Validates the way Docusaurus does: the first error fails the build with its message. */
function validate(themeConfig: unknown) {
  return validateThemeConfig({
    themeConfig: themeConfig as never,
    validate: ((schema: Schema, config: unknown) => {
      const { error, value } = schema.validate(config);
      if (error) throw error;
      return value;
    }) as never,
  }) as { docent: typeof DEFAULT_THEME_CONFIG };
}

describe('themeConfig.docent', () => {
  it('fills in every default', () => {
    expect(validate({}).docent).toEqual(DEFAULT_THEME_CONFIG);
    expect(validate({ docent: { launcher: { position: 'bottom-left' } } }).docent.launcher).toEqual({
      position: 'bottom-left',
      label: null,
    });
  });

  it.each([
    [{ serverUrl: 'docs-api.example.com' }, /serverUrl must be an http\(s\) URL/],
    [{ launcher: { position: 'top' } }, /must be "bottom-right" or "bottom-left"/],
    [{ shortcut: 'i' }, /must be "auto", look like "mod\+i"/],
    [{ suggestedQuestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, /at most 6 questions/],
    [{ routes: { include: ['docs'] } }, /path prefixes starting with "\/"/],
    [{ colour: 'red' }, /has no option "colour"/],
    [{ llms: { exclude: ['docs/internal'] } }, /llms.exclude entries are path prefixes starting with "\/"/],
    [{ llms: { llmsText: false } }, /llms has no option "llmsText"; it takes llmsTxt/],
    [{ pageActions: { openIn: ['gemini'] } }, /openIn takes "chatgpt" and "claude", not "gemini"/],
    [{ pageActions: { copy: true } }, /pageActions has no option "copy"/],
  ])('%j fails the build with a message that says what to write', (docent, message) => {
    expect(() => validate({ docent })).toThrow(message as RegExp);
  });

  it('turns each llms output and page action on or off on its own', () => {
    const { llms, pageActions } = validate({
      docent: {
        llms: { llmsFullTxt: false, exclude: ['/docs/internal'] },
        pageActions: { openIn: ['claude'] },
      },
    }).docent;
    expect(llms).toEqual({ ...DEFAULT_THEME_CONFIG.llms, llmsFullTxt: false, exclude: ['/docs/internal'] });
    expect(pageActions).toEqual({ copyMarkdown: true, viewMarkdown: true, openIn: ['claude'] });
    expect(DEFAULT_THEME_CONFIG.pageActions.openIn).toEqual([]);
  });

  it('leaves the search box off unless the site turns it on, and says what the search options are', () => {
    expect(validate({}).docent.search).toEqual({ enabled: false, maxRecentSearches: 5 });
    expect(validate({ docent: { search: { enabled: true } } }).docent.search).toEqual({
      enabled: true,
      maxRecentSearches: 5,
    });
    expect(() => validate({ docent: { search: true } })).toThrow(
      /search is an object with the options enabled/,
    );
    expect(() => validate({ docent: { search: { maxRecentSearches: 50 } } })).toThrow(/at most 20/);
    expect(() => validate({ docent: { search: { placeholder: 'x' } } })).toThrow(
      /search has no option "placeholder"/,
    );
  });

  it('accepts a shortcut of false', () => {
    expect(validate({ docent: { shortcut: false } }).docent.shortcut).toBe(false);
  });

  it('writes the manifest under the file name the indexer reads', () => {
    expect(MANIFEST_FILE).toBe(MANIFEST_FILE_NAME);
  });
});
