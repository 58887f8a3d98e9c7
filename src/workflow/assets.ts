// Finds files shipped with the package (assets/demo-image, bin/) from wherever this module runs:
// src/workflow/ under vitest and tsx, or dist/ in the bundled build.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo image's build context: the nearest `assets/demo-image` above this module. */
export function demoImageDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'demo-image');
    if (existsSync(join(candidate, 'Dockerfile'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`assets/demo-image not found above ${from}`);
  }
}

/** The package's bin directory, which holds docker-credential-ecr-lab; undefined if not found. */
export function helperBinDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'docker-credential-ecr-lab'))) return join(dir, 'bin');
    if (dirname(dir) === dir) return undefined;
  }
}
