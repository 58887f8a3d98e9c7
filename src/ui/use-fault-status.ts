// Which faults are on and how far the local ECR's clock is ahead, kept current: the port tells
// of every fault change (also from `ecr-lab fault` in another terminal), but before a fault's
// clock shift is set, and a clock moved through the admin endpoint tells nobody: so the offset
// is also read every second, and again whenever the TUI's own change is done (`refresh`).
import { useCallback, useEffect, useState } from 'react';
import { useLatest } from './use-latest.js';
import type { FaultRow, Troubleshooting } from '../workflow/troubleshooting.js';

/** The faults with their state, and the clock's offset from real time in ms. */
export interface FaultStatus {
  readonly rows: readonly FaultRow[];
  readonly clockOffset: number;
}

/** The status, and a way to read it again now. */
export interface FaultStatusView {
  readonly status?: FaultStatus;
  readonly refresh: () => void;
}

const CLOCK_POLL_MS = 1_000;

const read = (port: Troubleshooting): FaultStatus => ({ rows: port.faults(), clockOffset: port.clockOffset() });

/** The status (undefined without a port: live AWS, or before the local ECR has started). */
export function useFaultStatus(port: Troubleshooting | undefined): FaultStatusView {
  const [status, setStatus] = useState<FaultStatus | undefined>(() => (port ? read(port) : undefined));
  const latest = useLatest(port);
  const refresh = useCallback(() => {
    if (latest.current) setStatus(read(latest.current));
  }, [latest]);
  // Subscribing to the port, and reading it as the subscription starts so that no change between
  // the render and the subscription is missed: the case React's rule allows for external state.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    if (!port) {
      setStatus(undefined);
      return undefined;
    }
    setStatus(read(port));
    const off = port.subscribe(() => setStatus(read(port)));
    const timer = setInterval(() => {
      setStatus((s) => (s && s.clockOffset === port.clockOffset() ? s : read(port)));
    }, CLOCK_POLL_MS);
    // The poll alone must not keep the process alive after the TUI has ended.
    timer.unref();
    return () => {
      off();
      clearInterval(timer);
    };
  }, [port]);
  /* eslint-enable react-hooks/set-state-in-effect */
  return { status, refresh };
}

/** The names of the faults that are on. */
export function faultsOn(status: FaultStatus | undefined): string[] {
  return (status?.rows ?? []).filter((r) => r.isOn).map((r) => r.definition.name);
}
