#!/usr/bin/env node
// Makes a fresh machine with only Node 20+ and npm ready for `npm test` and `npm run demo`:
// installs pnpm if it is missing, then the workspace's dependencies (a no-op when they are current).
// With --browser (the test command), also Debian's Chromium for the browser tests; with --postgres,
// Debian's PostgreSQL for the question-log tests (those tests skip, saying why, where it cannot be installed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

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

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (root && has('apt-get', ['--version'])) {
      console.log('[docent setup] installing Chromium for the browser tests (apt-get install chromium)');
      run('apt-get', ['update', '-qq'], 'apt-get update');
      run('apt-get', ['install', '-y', '-qq', 'chromium'], 'Installing Chromium');
    } else {
      console.error(
        `[docent setup] The browser tests need Chromium at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
      );
      process.exit(1);
    }
  }
}

if (process.argv.includes('--postgres')) {
  const installed =
    existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((version) =>
      existsSync(`/usr/lib/postgresql/${version}/bin/initdb`),
    );
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!installed && root && has('apt-get', ['--version'])) {
    console.log(
      '[docent setup] installing PostgreSQL for the question-log tests (apt-get install postgresql)',
    );
    const update = spawnSync('apt-get', ['update', '-qq'], loud);
    const install =
      update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], loud) : update;
    if (install.status !== 0) {
      console.error(
        '[docent setup] PostgreSQL could not be installed; the PostgreSQL tests will be skipped.',
      );
    }
  } else if (!installed) {
    console.error(
      '[docent setup] PostgreSQL is not installed (Debian/Ubuntu: sudo apt-get install postgresql); the PostgreSQL tests will be skipped.',
    );
  }
}

// With --redis (the test command), Debian's Redis and nginx for the shared rate limit and the fleet test
// (three replicas behind nginx); those tests skip, saying why, where they cannot be installed.
if (process.argv.includes('--redis')) {
  const missing = [
    ['redis-server', '/usr/bin/redis-server'],
    ['nginx', '/usr/sbin/nginx'],
  ].filter(([, path]) => !existsSync(path));
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (missing.length > 0 && root && has('apt-get', ['--version'])) {
    const names = missing.map(([name]) => name);
    console.log(
      `[docent setup] installing ${names.join(' and ')} for the shared rate limit and fleet tests (apt-get install ${names.join(' ')})`,
    );
    const update = spawnSync('apt-get', ['update', '-qq'], loud);
    const install =
      update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...names], loud) : update;
    if (install.status !== 0) {
      console.error(
        `[docent setup] ${names.join(' and ')} could not be installed; those tests will be skipped.`,
      );
    }
  } else if (missing.length > 0) {
    console.error(
      `[docent setup] ${missing.map(([name]) => name).join(' and ')} not installed (Debian/Ubuntu: sudo apt-get install redis-server nginx); the shared rate limit and fleet tests will be skipped.`,
    );
  }
}
