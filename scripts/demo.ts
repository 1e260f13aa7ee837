// The README's first command: builds Docent's own site with the chat, indexes it into the local store and
// serves site + answer service on one port. Extractive answers with no keys; with OPENAI_API_KEY (and
// optionally OPENAI_BASE_URL / DOCENT_LLM_MODEL) set, answers come from that LLM. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { indexCommand } from '@docent/indexer';
import { parseServerOptions } from '@docent/server/options';
import { startServer } from '@docent/server/start';

const DEMO_USAGE = `Usage: npm run demo [-- options]

Builds Docent's own site with the chat, indexes it and serves both on one port (default 8787).

Options:
  --port <n>       the port (also DOCENT_PORT or PORT; default 8787)
  --skip-build     reuse the last build of the site
  -h, --help       this text

With OPENAI_API_KEY set (and optionally OPENAI_BASE_URL, DOCENT_LLM_MODEL), answers come from that LLM.`;

let args: { port?: string; 'skip-build'?: boolean; help?: boolean };
try {
  ({ values: args } = parseArgs({
    // npm consumes its own `--`; pnpm 12 passes it on.
    args: process.argv.slice(2).filter((argument) => argument !== '--'),
    options: {
      port: { type: 'string' },
      'skip-build': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`[demo] ${(error as Error).message}. Run \`npm run demo -- --help\` for the options.`);
  process.exit(1);
}
if (args.help) {
  console.log(DEMO_USAGE);
  process.exit(0);
}

const root = join(import.meta.dirname, '..');
const site = join(root, 'website');
const index = join(root, '.docent', 'demo.docent');
const step = (text: string) => console.log(`\n[demo] ${text}`);

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${result.status}); see the output above.`);
    process.exit(1);
  }
}

if (!args['skip-build']) {
  step('building the theme and the site (about a minute)');
  run('node', ['scripts/build-theme.mjs'], 'Building the theme');
  run('pnpm', ['--filter', 'docent-website', 'exec', 'docusaurus', 'build'], 'Building the site');
}

step('indexing the site into the local store');
const code = await indexCommand(
  ['--site', site, '--out', index, '--quiet'],
  {},
  {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    isTerminal: false,
  },
);
if (code === 1) process.exit(1);

const options = parseServerOptions(
  [
    '--index',
    index,
    '--static',
    join(site, 'build'),
    '--rate-limit',
    'off',
    ...(args.port ? ['--port', args.port] : []),
    // MCP results link to the demo where it runs (the site itself was built for the default port).
    '--site-url',
    `http://localhost:${args.port ?? process.env.DOCENT_PORT ?? process.env.PORT ?? 8787}`,
  ],
  process.env,
);
if (options === 'help') process.exit(0);
const server = await startServer(options, (line) => console.error(`[server] ${line}`)).catch(
  (error: Error) => {
    console.error(`[demo] ${error.message}`);
    return process.exit(1);
  },
);
step(`${server.describe}`);
console.log(
  `\n  Docent demo: ${server.url}/  (open it, then press Ctrl+I or the "Ask the docs" button)\n  Ctrl-C stops it.\n`,
);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
