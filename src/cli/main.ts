import { readFileSync } from 'node:fs';
import { EXIT, InputError, UsageError, processIo, type CliIo } from './io.js';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

// Each command lives in its own module and is loaded only when called, so start-up stays fast and a
// command's dependencies (the database, the HTTP server) are never loaded for another.
const COMMAND_NAMES = [
  'validate',
  'schema',
  'course',
  'edss',
  'assess',
  'compare',
  'rules',
  'convert',
  'screen',
  'synth',
  'monitor',
  'serve',
  'token',
  'backup',
  'restore',
] as const;
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = Object.fromEntries(
  COMMAND_NAMES.map((n) => [n, () => import(`./commands/${n}.js`) as Promise<{ command: Command }>]),
);

async function help(io: CliIo): Promise<void> {
  const lines = ['Usage: fulcrum <command> [options]      fulcrum --version', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(10)} ${command.summary}`);
    } catch {
      // A command whose module is absent from this build is simply not listed.
    }
  }
  lines.push('', 'Run `fulcrum <command> --help` for its options.');
  io.out(lines.join('\n') + '\n');
}

/** The package's version, from package.json beside dist/ (or src/, in tests). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`fulcrum ${version()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await help(io);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`fulcrum: unknown command "${name}"; run \`fulcrum --help\`\n`);
    return EXIT.usage;
  }
  const { command } = await load();
  return runCommand(name, command, rest, io);
}

/**
 * One command with its arguments, as `fulcrum <name>` runs it: --help prints its usage; a usage error
 * exits 64 with the message and the usage, an input error 2 with the message. Tests call it with a
 * command they import (Vite cannot follow the dispatcher's variable import).
 */
export async function runCommand(name: string, command: Command, rest: string[], io: CliIo): Promise<number> {
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`fulcrum ${name}: ${e.message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      io.err(`fulcrum ${name}: ${e.message}\n`);
      return EXIT.invalidInput;
    }
    throw e;
  }
}
