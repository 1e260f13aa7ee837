#!/usr/bin/env node
import { parseServerOptions, SERVER_USAGE } from './server-options.js';
import { startServer } from './start-server.js';

try {
  const options = parseServerOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(SERVER_USAGE);
  } else {
    const server = await startServer(options);
    // The address as bound; on every interface, also where to reach it from this machine.
    const local = server.listening === server.url ? '' : ` (on this machine: ${server.url})`;
    console.log(`docent-server listening on ${server.listening}${local}: ${server.describe}`);
    if (options.config.allowedOrigins === '*')
      console.error(
        'note: any origin may call this API; set DOCENT_ALLOWED_ORIGINS to your site in production.',
      );
    if (options.secretGenerated)
      console.error(
        'note: DOCENT_SECRET is not set; signed answers will not survive a restart or be shared by replicas.',
      );
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  console.error(`docent-server: ${(error as Error).message}`);
  process.exitCode = 1;
}
