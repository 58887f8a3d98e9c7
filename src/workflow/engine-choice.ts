// Chooses the image engine once: docker when a daemon answers (or when asked for), otherwise
// the built-in OCI client, which says at each action that it stands in for docker.
import { join } from 'node:path';
import { createBuiltinEngine } from './engines/builtin/engine.js';
import { createDockerEngine, dockerDaemon } from './engines/docker.js';
import type { ImageEngine } from './ports.js';

/** `--engine`: docker, builtin, or auto (docker when its daemon answers). */
export type EngineChoice = 'docker' | 'builtin' | 'auto';

/** The engine in use and why it was chosen. */
export interface ChosenEngine {
  readonly engine: ImageEngine;
  readonly reason: string;
}

/** Builds the engine for `choice`; the built-in one keeps its images under `<stateDir>/builtin-engine`. */
export async function chooseEngine(choice: EngineChoice, stateDir: string, dockerEnv?: Readonly<Record<string, string>>): Promise<ChosenEngine> {
  const builtin = (reason: string): ChosenEngine =>
    ({ engine: createBuiltinEngine({ dir: join(stateDir, 'builtin-engine'), reason }), reason });
  if (choice === 'builtin') return builtin('--engine builtin was chosen');
  if (choice === 'docker') return { engine: createDockerEngine({ env: dockerEnv }), reason: '--engine docker was chosen' };
  const daemon = await dockerDaemon(3000);
  return daemon.ok
    ? { engine: createDockerEngine({ env: dockerEnv }), reason: `${daemon.detail} answered` }
    : builtin(`no docker daemon answered (${daemon.detail})`);
}
