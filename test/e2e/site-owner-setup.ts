import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The template a new site owner starts from, pinned so the test does not change under us. */
export const CREATE_DOCUSAURUS = 'create-docusaurus@3.10.2';
/** Where the answer service listens; the site is built with it (DOCENT_SERVER_URL), so it is part of the cache key. */
export const SERVICE_PORT = 18787;
const CACHE = join(ROOT, '.cache', 'site-owner');
const PACKAGES = [
  'packages/protocol',
  'packages/markdown',
  'packages/retrieval',
  'packages/server',
  'packages/docusaurus-theme',
  'indexer',
];

export type SiteOwnerWorkspace = {
  /** The new site (`my-site`), built, with the theme and the indexer installed from tarballs. */
  site: string;
  /** The answer service's own folder (`docs-assistant`), with `@docent/server` installed from tarballs. */
  service: string;
  tarballs: Record<string, string>;
  /** The commands run, as the docs write them (with tarballs for the unpublished `@docent/*` packages). */
  commands: string[];
  fromCache: boolean;
};

/**
 * The environment of a site owner's shell: this process's, without what the test runner adds (Vitest sets
 * NODE_ENV=test, which changes how Docusaurus picks its browserslist).
 */
export function ownerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_UPDATE_NOTIFIER: '1',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
  };
  for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
  return { ...env, ...extra };
}

/** Runs a shell command like a site owner would; throws with its output when it fails. */
export function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd,
      env: ownerEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`\`${command}\` in ${cwd} failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
}

function files(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name === 'lib') return [];
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A hash of everything the cached workspace is made from. */
function cacheKey(): string {
  const hash = createHash('sha256');
  hash.update(`${CREATE_DOCUSAURUS}\u0000${SERVICE_PORT}\u0000`);
  hash.update(readFileSync(import.meta.filename));
  for (const path of PACKAGES.flatMap((folder) => files(join(ROOT, folder))).sort()) {
    // Tests, and tsc's build info (rewritten by every build, so it would change the key once more).
    if (/\.test\.ts$|\/test\/|\.tsbuildinfo$/.test(path)) continue;
    hash.update(relative(ROOT, path));
    hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Adds the theme and its options to the template's config, exactly as Getting started shows. */
export function addDocentToConfig(config: string): string {
  if (!config.includes('  presets: [') || !config.includes('  themeConfig: {'))
    throw new Error(
      'The template config no longer has `presets` and `themeConfig` where this test expects them.',
    );
  return config
    .replace('  presets: [', "  themes: ['@docent/docusaurus-theme'],\n\n  presets: [")
    .replace(
      '  themeConfig: {',
      "  themeConfig: {\n    docent: {\n      serverUrl: process.env.DOCENT_SERVER_URL ?? 'http://localhost:8787',\n    },",
    );
}

/**
 * The site-owner path up to a built site and an installed service: build and `pnpm pack` Docent's packages,
 * create a site from the `create-docusaurus` classic TypeScript template (from the npm registry, with its
 * default future flags, and its blog), install the tarballs, add the config, cut a docs version (`1.0`), build. Reused while nothing it is made
 * from changed (CI, on a fresh clone, always makes it anew).
 */
export async function siteOwnerWorkspace(log: (line: string) => void): Promise<SiteOwnerWorkspace> {
  const key = cacheKey();
  const dir = join(CACHE, key);
  const site = join(dir, 'my-site');
  const service = join(dir, 'docs-assistant');
  const packs = join(dir, 'packs');
  const done = join(dir, 'ready.json');
  if (existsSync(done)) {
    const saved = JSON.parse(await readFile(done, 'utf8')) as Omit<SiteOwnerWorkspace, 'fromCache'>;
    return { ...saved, fromCache: true };
  }
  await rm(CACHE, { recursive: true, force: true });
  await mkdir(packs, { recursive: true });
  const commands: string[] = [];
  const run = async (command: string, cwd: string, env: NodeJS.ProcessEnv = {}) => {
    log(`$ ${command}`);
    commands.push(command);
    return sh(command, cwd, env);
  };

  log('building and packing the packages');
  await sh('pnpm exec tsc -b && node scripts/build-theme.mjs', ROOT);
  const tarballs: Record<string, string> = {};
  for (const folder of PACKAGES) {
    const output = await sh(`pnpm pack --pack-destination ${JSON.stringify(packs)}`, join(ROOT, folder));
    const tarball = output.trim().split('\n').at(-1)!.trim();
    const name = JSON.parse(await readFile(join(ROOT, folder, 'package.json'), 'utf8')).name as string;
    tarballs[name] = tarball.startsWith('/') ? tarball : join(packs, tarball);
  }
  // Until the packages are on the registry, their tarballs stand in for the names; the dependencies among
  // them (`@docent/protocol`, `@docent/markdown`, `@docent/retrieval`) come from tarballs too.
  const from = (...names: string[]) => names.map((name) => JSON.stringify(tarballs[name] ?? name)).join(' ');

  log('creating a site from the template');
  await run(`npx ${CREATE_DOCUSAURUS} my-site classic --typescript --skip-install`, dir);
  const manifest = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
  // `@docsearch/core@4.7.1` is missing from the registry this runs against; any new site needs this too.
  manifest.overrides = { ...manifest.overrides, '@docsearch/react': '4.7.0' };
  await writeFile(join(site, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run(
    `npm install --save-dev ${from('@docent/protocol', '@docent/markdown', '@docent/retrieval', '@docent/docusaurus-theme', '@docent/indexer')}`,
    site,
  );
  const configPath = join(site, 'docusaurus.config.ts');
  await writeFile(configPath, addDocentToConfig(await readFile(configPath, 'utf8')));
  // Two docs versions, as most real sites have: the released 1.0 at /docs/, the unreleased `current` at
  // /docs/next/ (Docusaurus's default `lastVersion` once versions.json exists); the template has a blog.
  await run('npm run docusaurus docs:version 1.0', site);
  await run('npm run build', site, { DOCENT_SERVER_URL: `http://localhost:${SERVICE_PORT}` });

  log('installing the answer service in its own folder');
  await mkdir(service);
  await run('npm init -y', service);
  await run(`npm install ${from('@docent/protocol', '@docent/retrieval', '@docent/server')}`, service);

  const workspace = { site, service, tarballs, commands };
  await writeFile(done, JSON.stringify(workspace, null, 2));
  return { ...workspace, fromCache: false };
}
