// The paste box, opened with `e` in place of the screen: a one-line input for an error text
// and, after Enter, what ecr-lab knows about it (the TUI form of `ecr-lab explain`). It reports
// the rows its answer has to the reducer, which scrolls it.
import { type Dispatch, useLayoutEffect, useMemo } from 'react';
import type { Drill } from '../core/drill.js';
import type { Lesson } from '../core/lesson.js';
import type { NavAction } from '../core/navigation.js';
import type { PasteBox } from '../core/paste-box.js';
import { Panel } from './Panel.js';
import { pasteLines, pasteView } from './paste-lines.js';

export interface PastePanelProps {
  readonly box: PasteBox;
  /** The drills loaded so far; before they load, the explanation names no drills. */
  readonly drills: readonly Drill[];
  readonly lessons: readonly Lesson[];
  readonly isOnDrills: boolean;
  readonly width: number;
  /** Outer height, frame included. */
  readonly height: number;
  readonly dispatch: Dispatch<NavAction>;
}

/** Framed like the fault panel; the lines are wrapped to the frame, and a long answer scrolls. */
export function PastePanel({ box, drills, lessons, isOnDrills, width, height, dispatch }: PastePanelProps) {
  const view = useMemo(() => pasteView(box, drills, lessons, isOnDrills), [box, drills, lessons, isOnDrills]);
  const { head, body } = useMemo(() => pasteLines(view, width - 4), [view, width]);
  const rows = Math.max(1, height - 3 - head.length);
  // A layout effect runs before Ink takes the next key, so keys always scroll what is shown.
  useLayoutEffect(() => {
    dispatch({ type: 'paste-layout', size: { rows, contentRows: body.length } });
  }, [dispatch, rows, body.length]);
  const end = Math.max(0, body.length - rows);
  const scroll = Math.min(box.scroll ?? 0, end);
  const more = scroll < end ? ' ↓' : scroll > 0 ? ' ↑' : '';
  const title = end > 0 ? `explain an error · ↑↓ scroll · Esc to close${more}` : 'explain an error · Esc to close';
  return <Panel title={title} lines={[...head, ...body.slice(scroll, scroll + rows)]} width={width} height={height} />;
}
