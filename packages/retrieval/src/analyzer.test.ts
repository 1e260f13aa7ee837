import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.js';

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
