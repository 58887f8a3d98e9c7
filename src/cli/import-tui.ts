// Loads the Ink screens (tui, present, notes) with two start-up tweaks that must not outlive
// the import: `fetch` hidden, and CI detection turned off for Ink alone.
import { env } from 'node:process';

/** The variables Ink's CI check (the is-in-ci package) reads, once, when it is first loaded. */
const CI_KEYS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Imports the TUI with `fetch` hidden. Ink's layout engine (yoga-layout) is WebAssembly
 * embedded as a data: URL, and its Emscripten loader fetches that URL when `fetch` exists,
 * which makes Node load undici first: ~40 ms of the first frame. Without `fetch` it decodes
 * the same bytes directly.
 *
 * Ink draws only the last frame when it believes it runs in CI (CI set and not 'false'); the
 * TUI runs at a terminal, so someone is at the keys: CI reads 'false' while Ink is loaded,
 * which is when it decides. Both are restored as they were afterwards, so the docker, aws and
 * cosign children the steps start see the environment the learner gave.
 */
export async function importTui<M>(load: () => Promise<M>): Promise<M> {
  const saved = CI_KEYS.filter((key) => key in env).map((key) => [key, env[key]] as const);
  for (const [key] of saved) env[key] = 'false';
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
    for (const [key, value] of saved) env[key] = value;
  }
}
