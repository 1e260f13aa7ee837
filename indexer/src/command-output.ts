/** Where a command writes: lines to stdout and stderr, and whether stdout is a terminal (for progress). */
export type CommandOutput = { out: (line: string) => void; err: (line: string) => void; isTerminal: boolean };
