// The store as requests see it while `repository-missing` is on: the hidden repository is
// absent from every lookup, while its images stay on disk. Creating it again ends the fault
// for that name and keeps what it held.
import type { RepositoryRecord, Store } from '../store/types.js';
import type { FaultState } from './state.js';

/** Wraps `store` so that repositories `faults` hides cannot be found. */
export function hidingStore(store: Store, faults: FaultState, onRecreate: (name: string) => Promise<void>): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'getRepository') {
        return (name: string) => (faults.isHidden(name) ? undefined : target.getRepository(name));
      }
      if (key === 'listRepositories') {
        return () => target.listRepositories().filter((r) => !faults.isHidden(r.name));
      }
      if (key === 'putRepository') {
        return async (record: RepositoryRecord) => {
          if (faults.isHidden(record.name)) await onRecreate(record.name);
          return target.putRepository(record);
        };
      }
      if (key === 'createRepository') {
        // The hidden repository still exists underneath: creating it again brings it back.
        return async (record: RepositoryRecord) => {
          if (!faults.isHidden(record.name)) return target.createRepository(record);
          await onRecreate(record.name);
          await target.putRepository(record);
          return true;
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
