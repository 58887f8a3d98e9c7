// Registry-level state of the local ECR (registry policy, replication, scanning configuration,
// account settings, pull-through cache rules, creation templates, signing, pull-time
// exclusions, ...), kept in one atomically written `<data>/registry.json`. Each section is
// owned and typed by the module that uses it; this file only keeps them safe.
//
// An update is written to disk first and takes effect in memory only once the write is done, so
// a call that fails to persist (a full disk) leaves no half-made state behind. Updates run one
// at a time, so a read-modify-write of a section never loses a concurrent one.
import { join } from 'node:path';
import { loadJson, saveJson } from '../../state/json-file.js';

interface RegistryFile {
  readonly version: 1;
  readonly sections: Readonly<Record<string, unknown>>;
}

const EMPTY: RegistryFile = { version: 1, sections: {} };

function registryProblem(data: unknown): string | undefined {
  const file = data as Partial<RegistryFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1) return 'not a version 1 registry file';
  if (typeof file.sections !== 'object' || file.sections === null || Array.isArray(file.sections)) return 'sections is not an object';
  return undefined;
}

export class RegistrySettings {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: string, private state: RegistryFile, readonly warning?: string) {}

  /** Opens `<dataDir>/registry.json`; a corrupt file is kept aside and reported in `warning`. */
  static async open(dataDir: string): Promise<RegistrySettings> {
    const file = join(dataDir, 'registry.json');
    const loaded = await loadJson<RegistryFile>(file, EMPTY, registryProblem);
    return new RegistrySettings(file, loaded.value, loaded.warning);
  }

  /** The section's value as last written, or undefined when it was never set. */
  get<T>(section: string): T | undefined {
    return (Object.hasOwn(this.state.sections, section) ? this.state.sections[section] : undefined) as T | undefined;
  }

  /**
   * Replaces a section with what `change` makes of its current value (undefined deletes it).
   * `change` may throw to refuse (an EcrError, say): nothing is written then. Resolves with the
   * new value once it is on disk.
   */
  update<T>(section: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const run = this.queue.then(async () => {
      const next = change(this.get<T>(section));
      const sections = { ...this.state.sections };
      if (next === undefined) delete sections[section];
      else sections[section] = next;
      const state: RegistryFile = { version: 1, sections };
      await saveJson(this.file, state);
      this.state = state;
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every update started so far has finished. */
  flush(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}
