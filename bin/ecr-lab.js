#!/usr/bin/env node
// The installed command: loads the bundled build made by `npm run build`.
import '../dist/main.js';
