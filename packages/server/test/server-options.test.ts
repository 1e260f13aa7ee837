import { describe, expect, it } from 'vitest';
import { parseServerOptions, SERVER_USAGE, type ServerOptions } from '../src/server-options.js';

describe('--ivf-probes', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    parseServerOptions(argv, env) as ServerOptions;

  it('is read from the flag or DOCENT_IVF_PROBES, and left to the store when absent', () => {
    expect(parse([]).ivfProbes).toBeUndefined();
    expect(parse(['--ivf-probes', '32']).ivfProbes).toBe(32);
    expect(parse([], { DOCENT_IVF_PROBES: '8' }).ivfProbes).toBe(8);
  });

  it('refuses what is not a whole number of lists, saying which option', () => {
    expect(() => parse(['--ivf-probes', '0'])).toThrow(/--ivf-probes must be a number in range, not "0"/);
    expect(() => parse(['--ivf-probes', '2.5'])).toThrow(/--ivf-probes/);
  });

  it('is documented in --help', () => {
    expect(SERVER_USAGE).toMatch(/--ivf-probes <n>.*DOCENT_IVF_PROBES/);
  });
});
