// The fault panel, opened with `f` in place of the page: every fault of the local ECR, on or
// off, the chosen one's change and symptom, and the local clock.
import type { TargetContext } from '../core/steps.js';
import type { FaultStatus } from './use-fault-status.js';
import { Panel } from './Panel.js';
import { faultPanelLines } from './fault-lines.js';

export interface FaultPanelProps {
  /** Undefined without a troubleshooting port (live AWS, or the local ECR still starting). */
  readonly status?: FaultStatus;
  readonly cursor: number;
  readonly notice?: string;
  readonly isLive: boolean;
  readonly context: TargetContext;
  readonly width: number;
  readonly height: number;
}

/** Framed like the inspector's panels; the lines fit the frame, so nothing is cut. */
export function FaultPanel({ status, cursor, notice, isLive, context, width, height }: FaultPanelProps) {
  const lines = faultPanelLines({ faults: status?.rows, clockOffset: status?.clockOffset ?? 0, cursor, notice, isLive, context },
    width - 4, height - 3);
  return <Panel title="faults · f or Esc to close" lines={lines} width={width} height={height} />;
}
