// A drill being played: its title, the visible rows of the drill's lines (following the end as
// the scene unfolds), and the keys of the stage it is in. It reports its size to the reducer.
import { type Dispatch, useLayoutEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import type { NavAction } from '../core/navigation.js';
import type { TargetContext } from '../core/steps.js';
import type { DrillPlay } from '../core/drill-play.js';
import { truncateLine } from '../markdown/wrap.js';
import type { DrillRunView } from './drill-effects.js';
import { drillLines } from './drill-lines.js';
import { LessonView } from './LessonView.js';

export interface DrillViewProps {
  readonly play: DrillPlay;
  readonly run?: DrillRunView;
  readonly context: TargetContext;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<NavAction>;
}

/** The keys that matter at this point of the drill. */
export function drillKeys(play: DrillPlay, hasSimulated: boolean): string {
  const phase = play.session?.phase;
  if (play.stage === 'story') return 'Enter set the scene · ↑↓ scroll · Esc back';
  if (play.stage !== 'session' || !phase) return play.stage === 'broken' ? 'Esc back' : '… setting the scene · Esc leave';
  if (phase === 'diagnose') return `↑↓ choose · Enter answer · 1-${play.drill.diagnosis.choices.length} · h hint · Esc leave`;
  if (phase === 'fix') {
    const steps = play.drill.fix.length > 1 ? '↑↓ step · Enter run' : play.drill.fix.length === 1 ? 'Enter run' : '';
    return [steps, 'c check', hasSimulated ? 'F simulate' : '', 'h hint', 'Esc leave'].filter((k) => k !== '').join(' · ');
  }
  return 'Enter or Esc: back to the drills · PgUp scroll';
}

/** The drill, framed by the App; `height` is the rows inside the frame. */
export function DrillView({ play, run, context, width, height, dispatch }: DrillViewProps) {
  const lines = useMemo(() => drillLines(play, run, context, width), [play, run, context, width]);
  const rows = Math.max(1, height - 2);
  // A layout effect runs before Ink takes the next key, so keys always scroll what is shown.
  useLayoutEffect(() => {
    dispatch({ type: 'drill-layout', height: rows, contentHeight: lines.length });
  }, [dispatch, rows, lines.length]);
  const hasSimulated = run?.play === play.id && run.simulatedFixes.length > 0;
  // Following, the end shows in the very frame the new lines arrive in, not one report later.
  const end = Math.max(0, lines.length - rows);
  const scroll = play.isFollowing ? end : Math.min(play.scroll, end);
  const more = scroll < end ? ' ↓' : scroll > 0 ? ' ↑' : '';
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color="cyan" wrap="truncate-end">
        {`${truncateLine(`Drill: ${play.drill.title} · ${play.drill.minutes} min`, width - more.length)}${more}`}
      </Text>
      <LessonView lines={lines} scroll={scroll} height={rows} />
      <Text dimColor wrap="truncate-end">{truncateLine(drillKeys(play, hasSimulated), width)}</Text>
    </Box>
  );
}
