// Runs the `fulcrum` command from the sources (tsx), so the browser tests exercise the code in this
// checkout rather than a stale build in dist/.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
