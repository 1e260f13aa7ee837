#!/usr/bin/env node
// Builds @docent/docusaurus-theme into lib/: TypeScript through `tsc -b`, then the CSS modules copied
// beside the compiled components (tsc does not copy them).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'docusaurus-theme');
const tsc = spawnSync('pnpm', ['exec', 'tsc', '-b', root], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const source = join(root, 'src');
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.css')) continue;
  const from = join(entry.parentPath, entry.name);
  // Keep the source's timestamp, so an unchanged theme does not look newer than the built site.
  cpSync(from, join(root, 'lib', relative(source, from)), { preserveTimestamps: true });
}
