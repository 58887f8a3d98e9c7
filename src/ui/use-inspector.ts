// Keeps what the panels show: who am I and the registry, asked of the workflow's Inspector on
// opening and after each step ends, and the wire of the last step run (live while it runs).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Inspector, RegistrySnapshot, WhoAmI, WireEntry } from '../workflow/types.js';

/** What the panels draw, and the hooks that tell it when a step starts and ends. */
export interface InspectorViews {
  readonly whoAmI?: WhoAmI;
  readonly registry?: RegistrySnapshot;
  /** The requests of the last step run; undefined before any run or without a wire. */
  readonly wire?: readonly WireEntry[];
  /** The target has a request log (the local ECR only). */
  readonly hasWire: boolean;
  /** The step id of the last run. */
  readonly lastStepId?: string;
  readonly isRunning: boolean;
  readonly onStepStart: (stepId: string) => void;
  readonly onStepFinish: () => void;
}

interface WireRange {
  readonly stepId: string;
  readonly from: number;
  readonly to?: number;
}

/**
 * `isShown`: a panel (or the side column) is on screen, so its data is asked for now;
 * `isWireShown`: the wire view is open, so it follows new requests as they arrive.
 */
export function useInspector(inspector: Inspector | undefined, isShown: boolean, isWireShown: boolean): InspectorViews {
  const [whoAmI, setWhoAmI] = useState<WhoAmI>();
  const [registry, setRegistry] = useState<RegistrySnapshot>();
  const [range, setRange] = useState<WireRange>();
  const [running, setRunning] = useState(0);
  const [, setHeard] = useState(0);
  const asked = useRef({ whoAmI: 0, registry: 0 });
  const isMounted = useRef(true);
  const runningNow = useRef(0);

  useEffect(() => {
    isMounted.current = true;
    return () => { isMounted.current = false; };
  }, []);

  const refresh = useCallback(() => {
    if (!inspector) return;
    // Only the answer to the newest question is kept: a slow older one must not overwrite it.
    const n = { whoAmI: ++asked.current.whoAmI, registry: ++asked.current.registry };
    void inspector.whoAmI().then((v) => { if (isMounted.current && n.whoAmI === asked.current.whoAmI) setWhoAmI(v); });
    void inspector.registry().then((v) => { if (isMounted.current && n.registry === asked.current.registry) setRegistry(v); });
  }, [inspector]);

  // Asked once as soon as the target is there, so the first move of a tag is seen even with the
  // panels closed; then on showing. While a step runs its end refreshes anyway.
  const primed = useRef<Inspector | undefined>(undefined);
  useEffect(() => {
    const isNew = primed.current !== inspector;
    primed.current = inspector;
    if ((isShown || isNew) && runningNow.current === 0) refresh();
  }, [isShown, inspector, refresh]);

  const wire = inspector?.wire;
  useEffect(() => {
    if (!isWireShown || !wire) return undefined;
    return wire.subscribe(() => setHeard((n) => n + 1));
  }, [isWireShown, wire]);

  const onStepStart = useCallback((stepId: string) => {
    runningNow.current += 1;
    setRunning(runningNow.current);
    if (wire) setRange({ stepId, from: wire.lastSeq() });
  }, [wire]);

  const onStepFinish = useCallback(() => {
    runningNow.current = Math.max(0, runningNow.current - 1);
    setRunning(runningNow.current);
    // The range ends here, before the refresh below adds requests of its own.
    if (wire) setRange((r) => (r && r.to === undefined ? { ...r, to: wire.lastSeq() } : r));
    refresh();
  }, [wire, refresh]);

  const entries = wire && range
    ? wire.since(range.from).filter((e) => range.to === undefined || e.seq <= range.to) : undefined;
  return { whoAmI, registry, wire: entries, hasWire: wire !== undefined, lastStepId: range?.stepId, isRunning: running > 0, onStepStart, onStepFinish };
}
