// Runs `fulcrum serve` from the sources in a child process (the crash test kills it with SIGKILL).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', ...process.argv.slice(2)]);
