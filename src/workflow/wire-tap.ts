// The local ECR's request log as the TUI's wire view reads it, without the inspector's own
// requests: the panels' refreshes must not show up in the conversation of a step.
import type { RequestLog } from '../local-ecr/request-log.js';
import type { WireTap } from './types.js';

/** Runs one API call of the inspector's so that its log entry is left out of the wire. */
export type Own = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

interface Claim {
  readonly path: string;
  readonly after: number;
  seq?: number;
}

// Enough to cover every refresh that could fall inside one step's range.
const REMEMBERED = 1000;

/**
 * A wire tap over `log` and the `own` wrapper for the inspector's calls. The local ECR logs a
 * request before it answers, so a call still in flight claims the first unclaimed entry of
 * its operation logged after it began; with a step making the same call at the same moment
 * either entry may be claimed, and the lines shown are the same.
 */
export function createWireTap(log: RequestLog): { tap: WireTap; own: Own } {
  const pending = new Set<Claim>();
  const owned = new Set<number>();
  log.subscribe((entry) => {
    const claim = [...pending].find((c) => c.seq === undefined && c.path === entry.path && entry.seq > c.after);
    if (!claim) return;
    claim.seq = entry.seq;
    owned.add(entry.seq);
    for (const seq of owned) if (seq <= entry.seq - REMEMBERED) owned.delete(seq);
  });
  const own: Own = (operation, call) => {
    const claim: Claim = { path: `/ ${operation}`, after: log.last() };
    pending.add(claim);
    return call().finally(() => pending.delete(claim));
  };
  const tap: WireTap = {
    lastSeq: () => log.last(),
    since: (afterSeq) => log.since(afterSeq).filter((e) => !owned.has(e.seq)).map(({ seq, method, path, status, errorCode, api, auth }) => ({
      seq, method, path, status, api, ...(errorCode ? { errorCode } : {}), ...(auth ? { auth } : {}),
    })),
    subscribe: (listener) => log.subscribe((entry) => { if (!owned.has(entry.seq)) listener(); }),
  };
  return { tap, own };
}
