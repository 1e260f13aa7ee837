import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('docent-index options', () => {
  it.each([
    [[], /Say what to index: --docs <dir> --base-url <url>/],
    [['--docs', 'x'], /--docs needs --base-url <url>/],
    [
      ['--docs', 'x', '--base-url', 'docs'],
      /--base-url must be an absolute URL or a path starting with "\/"/,
    ],
    [['--docs', 'x', '--site', 'y'], /either --docs <dir> .* or --site <dir>/],
    [['--docs', 'x', '--base-url', '/docs', '--store', 'redis'], /--store must be "local" or "qdrant"/],
    [['--docs', 'x', '--base-url', '/docs', '--store', 'qdrant'], /needs --qdrant-url <url> or QDRANT_URL/],
    [['--docs', 'x', '--base-url', '/docs', '--embedder', 'openai'], /needs --embedding-model/],
    [
      ['--docs', 'x', '--base-url', '/docs', '--max-tokens', '0'],
      /--max-tokens takes a whole number above 0/,
    ],
    [['--bogus'], /Unknown option '--bogus'.*--help/],
    [['--docs', '/no/such/folder', '--base-url', '/docs'], /is not a folder/],
    [['--site', '/no/such/site'], /No docent-manifest\.json .* Add '@docent\/docusaurus-theme'/],
  ])('%j fails with a message that says what to pass', async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message as RegExp);
  });

  it('prints usage with --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Exit codes: 0 indexed; 2 partial/);
  });
});
