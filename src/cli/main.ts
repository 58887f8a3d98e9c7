// The entry of dist/main.js, the ES module build: every command, the TUI's among them.
import { main } from './cli.js';

process.exitCode = await main(process.argv);
