import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keptFilesWarnings } from './index.js';
import { writeOwnFile } from './write-own-file.js';

describe('files another plugin wrote', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("are kept by default, replaced with existingFiles: 'replace', and new files written", async () => {
    dir = await mkdtemp(join(tmpdir(), 'docent-own-'));
    const file = join(dir, 'llms.txt');
    await writeFile(file, 'theirs');
    expect(await writeOwnFile(file, 'ours', 'keep')).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('theirs');
    expect(await writeOwnFile(file, 'ours', 'replace')).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('ours');
    expect(await writeOwnFile(join(dir, 'new.md'), 'ours', 'keep')).toBe(true);
    await expect(writeOwnFile(join(dir, 'missing', 'x.md'), 'ours', 'keep')).rejects.toThrow(/ENOENT/);
  });

  it('are named in one warning that says how to choose', () => {
    expect(keptFilesWarnings([])).toEqual([]);
    const [warning] = keptFilesWarnings(['llms.txt', 'docs/a.md', 'docs/b.md']);
    expect(warning).toMatch(/kept llms\.txt, 2 markdown copies \(e\.g\. docs\/a\.md\)/);
    expect(warning).toContain("llms.existingFiles: 'replace'");
  });
});
