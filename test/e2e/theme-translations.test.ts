import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../packages/docusaurus-theme/src/translations/fr.js';
import { type ThemeSite, themeSite } from './theme-site.js';

const THEME = join(import.meta.dirname, '..', '..', 'packages', 'docusaurus-theme', 'src');
const CALL = /translate\(\s*\{\s*id: '(theme\.docent\.[\w.]+)',\s*message:\s*'((?:[^'\\]|\\.)*)'/g;
const ELEMENT = /<Translate id="(theme\.docent\.[\w.]+)">\s*([^<]*?)\s*<\/Translate>/g;

/** Every string of the widget, counted from its source: id -> English message. */
function sourceStrings(): Map<string, string> {
  const strings = new Map<string, string>();
  for (const folder of ['theme', 'client']) {
    for (const name of readdirSync(join(THEME, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts')) continue;
      const text = readFileSync(join(THEME, folder, name), 'utf8');
      for (const match of [...text.matchAll(CALL), ...text.matchAll(ELEMENT)])
        strings.set(match[1]!, match[2]!.replace(/\\'/g, "'").replace(/\s+/g, ' '));
    }
  }
  return strings;
}

describe('the theme as Docusaurus theme authors ship one, in a real site', { timeout: 120_000 }, () => {
  let site: ThemeSite;
  const strings = sourceStrings();
  beforeAll(async () => {
    site = await themeSite();
  });
  afterAll(() => site?.cleanup());

  it('finds the strings to check in the source', () => {
    expect(strings.size).toBeGreaterThanOrEqual(37);
    // French is complete: every string, and no id the widget no longer has.
    expect(Object.keys(fr).sort()).toEqual([...strings.keys()].sort());
  });

  it('docusaurus write-translations extracts every widget string with its English message', async () => {
    const output = await site.docusaurus(['write-translations', '--locale', 'en']);
    // Every call has a literal id and message: Docusaurus warns about any it cannot read statically.
    expect(output).not.toContain('Translation extraction warnings');
    const code = JSON.parse(await readFile(join(site.dir, 'i18n', 'en', 'code.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    const extracted = new Map(
      Object.entries(code)
        .filter(([id]) => id.startsWith('theme.docent.'))
        .map(([id, { message }]) => [id, message.replace(/\s+/g, ' ').trim()]),
    );
    expect(extracted).toEqual(strings);
  });

  it('docusaurus write-translations --locale fr fills every string from the French the theme ships', async () => {
    const output = await site.docusaurus(['write-translations', '--locale', 'fr']);
    expect(output).not.toContain('Unused default message codes');
    const code = JSON.parse(await readFile(join(site.dir, 'i18n', 'fr', 'code.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    for (const [id, message] of Object.entries(fr)) expect(code[id]?.message).toBe(message);
  });

  it('swizzle --list marks the widget components safe to wrap and eject', async () => {
    const output = await site.docusaurus(['swizzle', '@docent/docusaurus-theme', '--list', '--typescript']);
    const rows = new Map(
      [...stripVTControlCharacters(output).matchAll(/│ ([\w/]+)\s+│ (\w+)\s+│ (\w+)\s+│/g)].map((match) => [
        match[1]!,
        `${match[2]}/${match[3]}`,
      ]),
    );
    for (const name of [
      'DocentChat/Launcher',
      'DocentChat/MessageList',
      'DocentChat/Message',
      'DocentChat/Sources',
      'DocentChat/Markdown',
      'DocentChat/Composer',
      'DocentChat/SelectionButton',
      'DocentPageActions',
    ])
      expect(rows.get(name), name).toBe('Safe/Safe');
    expect(rows.get('DocentChat')).toBe('Safe/Unsafe');
    expect(rows.get('DocentChat/Panel')).toBe('Safe/Unsafe');
  });

  it('swizzle --eject --typescript copies the TypeScript source, and --javascript readable JSX', async () => {
    await site.docusaurus([
      'swizzle',
      '@docent/docusaurus-theme',
      'DocentChat/Sources',
      '--eject',
      '--typescript',
    ]);
    const ejected = join(site.dir, 'src', 'theme', 'DocentChat', 'Sources');
    expect(readdirSync(ejected).sort()).toEqual(['index.tsx', 'styles.module.css']);
    const source = await readFile(join(ejected, 'index.tsx'), 'utf8');
    expect(source).toContain("export default function Sources({ sources, answer = '' }: Props)");
    // Imports the theme's helpers by package name, so the copy resolves outside the theme.
    expect(source).toContain("from '@docent/docusaurus-theme/client/answer-markdown'");
    expect(source).not.toMatch(/from '\.\.\//);

    await site.docusaurus([
      'swizzle',
      '@docent/docusaurus-theme',
      'DocentChat/Launcher',
      '--eject',
      '--javascript',
    ]);
    const launcher = join(site.dir, 'src', 'theme', 'DocentChat', 'Launcher');
    expect(readdirSync(launcher).sort()).toEqual(['index.js', 'styles.module.css']);
    const script = await readFile(join(launcher, 'index.js'), 'utf8');
    expect(script).toContain('<Translate id="theme.docent.launcher.label">Ask the docs</Translate>');
    expect(script).not.toContain('_jsx');
    // It imports `clsx`, which an npm-installed site has at the top of node_modules but this linked one not.
    await rm(launcher, { recursive: true });
  });

  it('a site builds with the ejected TypeScript component', async () => {
    expect(existsSync(join(site.dir, 'src', 'theme', 'DocentChat', 'Sources', 'index.tsx'))).toBe(true);
    await site.docusaurus(['build', '--locale', 'en']);
    const page = await readFile(join(site.dir, 'build', 'docs', 'intro', 'index.html'), 'utf8');
    expect(page).toContain('data-docent-launcher');
  });
});
