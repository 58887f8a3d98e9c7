#!/usr/bin/env -S node --max-semi-space-size=2
// The installed command: loads the bundled build made by `npm run build`. A small young
// generation: under 30 clients the default lets it grow to ~16 MiB per semi-space (heapTotal 45
// MiB for 25 MiB used), and V8 reads the flag only at start, so it has to be on the command line.
import '../dist/main.js';
