// Which faults are on, with what each must put back when it goes off, kept in
// `<data>/faults.json` (atomically) so that a restart of serve neither forgets a fault nor
// loses what it set aside. Requests read it through the small questions below.
import { join } from 'node:path';
import { loadJson } from '../../state/json-file.js';
import { Persister } from '../store/persister.js';

/** One fault that is on. */
export interface ActiveFault {
  readonly name: string;
  /** Epoch ms on the local clock when it went on. */
  readonly since: number;
  readonly repository: string;
  readonly tag: string;
  /** What `off` puts back (JSON-able; each fault its own shape). */
  readonly undo?: unknown;
}

interface FaultFile {
  readonly version: 1;
  readonly active: readonly ActiveFault[];
}

/** How long a blocked connection hangs before it is dropped: bounded so a drill stays short. */
export const NETWORK_HANG_MS = 20_000;
/** With `throttled` on, GetAuthorizationToken answers once per this many ms (local clock). */
export const THROTTLE_WINDOW_MS = 60_000;

export class FaultState {
  private active: ActiveFault[];
  private readonly persister: Persister | undefined;
  private lastTokenCall = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<() => void>();

  constructor(active: readonly ActiveFault[] = [], file?: string) {
    this.active = [...active];
    this.persister = file ? new Persister(file, () => ({ version: 1, active: this.active } satisfies FaultFile)) : undefined;
  }

  static async open(dataDir: string): Promise<{ state: FaultState; warning?: string }> {
    const file = join(dataDir, 'faults.json');
    const loaded = await loadJson<FaultFile>(file, { version: 1, active: [] },
      (d) => (Array.isArray((d as FaultFile | null)?.active) ? undefined : 'no list of active faults'));
    return { state: new FaultState(loaded.value.active, file), ...(loaded.warning ? { warning: loaded.warning } : {}) };
  }

  list(): readonly ActiveFault[] {
    return this.active;
  }

  get(name: string): ActiveFault | undefined {
    return this.active.find((f) => f.name === name);
  }

  isOn(name: string): boolean {
    return this.get(name) !== undefined;
  }

  async add(fault: ActiveFault): Promise<void> {
    this.active = [...this.active.filter((f) => f.name !== fault.name), fault];
    this.changed();
    await this.persister?.save();
  }

  async remove(name: string): Promise<void> {
    this.active = this.active.filter((f) => f.name !== name);
    this.changed();
    await this.persister?.save();
  }

  /** Calls `listener` after every change (the TUI's status bar). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners that the world changed (a fault's clock shift, or `ecr-lab clock`). */
  touch(): void {
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Repositories that `repository-missing` hides. */
  isHidden(repository: string): boolean {
    return this.active.some((f) => f.name === 'repository-missing' && f.repository === repository);
  }

  /** Whether a call to GetAuthorizationToken at `nowMs` is over the rate (and counts it if not). */
  isThrottled(nowMs: number): boolean {
    if (!this.isOn('throttled')) return false;
    if (nowMs - this.lastTokenCall < THROTTLE_WINDOW_MS) return true;
    this.lastTokenCall = nowMs;
    return false;
  }

  isNetworkBlocked(): boolean {
    return this.isOn('network-blocked');
  }

  flush(): Promise<void> {
    return this.persister?.idle() ?? Promise.resolve();
  }
}
