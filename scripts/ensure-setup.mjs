#!/usr/bin/env node
// Makes a fresh machine with only Node 20+ and npm ready for `npm test` and `npm run demo`:
// installs pnpm if it is missing, then the workspace's dependencies (a no-op when they are current).
import { spawnSync } from 'node:child_process';

const PNPM_VERSION = '12.21.0';
const quiet = { stdio: ['ignore', 'ignore', 'ignore'], shell: process.platform === 'win32' };
const loud = { stdio: 'inherit', shell: process.platform === 'win32' };

function has(command, args) {
  return spawnSync(command, args, quiet).status === 0;
}

function run(command, args, what) {
  const result = spawnSync(command, args, loud);
  if (result.status !== 0) {
    console.error(
      `\n[docent setup] ${what} failed (exit ${result.status}). Fix the error above and run the command again.`,
    );
    process.exit(result.status ?? 1);
  }
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(
    `[docent setup] Docent needs Node.js 20 or newer; this is ${process.version}. Install Node 20+ and retry.`,
  );
  process.exit(1);
}

if (!has('pnpm', ['--version'])) {
  console.log(`[docent setup] installing pnpm ${PNPM_VERSION} (npm i -g pnpm@${PNPM_VERSION})`);
  run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], 'Installing pnpm');
}

run('pnpm', ['install', '--frozen-lockfile', '--reporter=silent'], 'Installing dependencies (pnpm install)');
