// The inspector's panels: "who am I", "registry" and "wire", opened by a key in place of the
// page, and the first two side by side with the lesson on a wide terminal.
import { Box } from 'ink';
import type { PanelId } from '../core/navigation.js';
import type { StyledLine } from '../markdown/styled.js';
import { Panel } from './Panel.js';
import { registryLines, whoAmILines } from './panel-lines.js';
import type { InspectorViews } from './use-inspector.js';
import { wireLines } from './wire-lines.js';

/** Terminals at least this wide show "who am I" and "registry" beside the lesson. */
export const SIDE_MIN_COLUMNS = 110;

/** The side column's width on a wide terminal. */
export function sideWidth(columns: number): number {
  return Math.min(60, Math.max(38, Math.floor(columns * 0.38)));
}

/** The panels that show the inspector's views (the fault panel has its own component). */
export type InspectorPanelId = Exclude<PanelId, 'faults'>;

const TITLES: Readonly<Record<InspectorPanelId, string>> = { whoami: 'who am I', registry: 'registry', wire: 'wire' };
const KEYS: Readonly<Record<InspectorPanelId, string>> = { whoami: 'i', registry: 'r', wire: 'w' };

export interface InspectorPanelProps {
  readonly panel: InspectorPanelId;
  readonly views: InspectorViews;
  readonly hasInspector: boolean;
  readonly width: number;
  readonly height: number;
  /** Open in place of the page (the title says how to close it), or beside it. */
  readonly isOpen?: boolean;
}

function panelLines(panel: InspectorPanelId, views: InspectorViews, hasInspector: boolean, width: number): StyledLine[] {
  if (panel === 'whoami') return whoAmILines(views.whoAmI, hasInspector, width);
  if (panel === 'registry') return registryLines(views.registry, hasInspector, width);
  return wireLines({
    hasInspector, hasWire: views.hasWire, entries: views.wire, stepId: views.lastStepId, isRunning: views.isRunning,
  }, width);
}

/** One panel, framed, with its title and key. */
export function InspectorPanel({ panel, views, hasInspector, width, height, isOpen = false }: InspectorPanelProps) {
  const key = KEYS[panel];
  const title = isOpen ? `${TITLES[panel]} · ${key} or Esc to close` : `${TITLES[panel]} · ${key}`;
  return <Panel title={title} lines={panelLines(panel, views, hasInspector, width - 4)} width={width} height={height} />;
}

export interface SidePanelsProps {
  readonly views: InspectorViews;
  readonly hasInspector: boolean;
  readonly width: number;
  readonly height: number;
}

/** "who am I" above "registry", sharing the height; who am I takes what it needs, up to 55%. */
export function SidePanels({ views, hasInspector, width, height }: SidePanelsProps) {
  const needed = whoAmILines(views.whoAmI, hasInspector, width - 4).length + 3;
  const top = Math.max(4, Math.min(needed, Math.floor(height * 0.55)));
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <InspectorPanel panel="whoami" views={views} hasInspector={hasInspector} width={width} height={top} />
      <InspectorPanel panel="registry" views={views} hasInspector={hasInspector} width={width} height={height - top} />
    </Box>
  );
}
