#!/usr/bin/env node
import { indexCommand } from './index-command.js';

const code = await indexCommand(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  isTerminal: process.stderr.isTTY === true && process.env.CI === undefined,
});
process.exitCode = code;
