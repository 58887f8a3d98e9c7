// The `ecr-lab notes` screen: the presenter's current slide as the speaker sees it in a second
// terminal (header, timer, notes that scroll, the next slide, the last live step), or a line
// saying it waits for a presenter. It only renders what it is given; cli/ feeds it snapshots.
import { useMemo, useState } from 'react';
import { useLatest } from '../use-latest.js';
import { Box, Text, useInput, useStdin } from 'ink';
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import type { FollowStatus } from '../../workflow/present-follower.js';
import { TONES, MIN_COLUMNS, MIN_ROWS } from '../theme.js';
import { TooSmall } from '../TooSmall.js';
import { useTerminalSize, type TerminalSize } from '../use-terminal-size.js';
import { notesAction, notesHint, scrollNotes, type NotesWindow } from './notes-keys.js';
import {
  headerText, isOverTime, nextText, notesLines, ruleText, scrollText, stepRows, stepTone, timerText,
} from './notes-text.js';
import { NotesWaiting } from './NotesWaiting.js';
import { useNow } from './use-now.js';

/** Where the follower is: `connecting` until it has tried once. */
export type NotesStatus = FollowStatus | 'connecting';

export interface NotesAppProps {
  /** The latest snapshot received, kept after the presenter quits. */
  readonly snapshot?: PresenterSnapshot;
  readonly status: NotesStatus;
  readonly stateDir: string;
  /** A fixed size (tests); otherwise the terminal's. */
  readonly size?: TerminalSize;
  readonly now?: () => number;
  readonly onExit: () => void;
}

// Header, timer and rule above the notes; rule, next slide and two rows of last step below;
// one row spare so Ink never draws a frame as tall as the terminal (it would scroll).
const CHROME_ROWS = 8;

/** The speaker-notes screen. */
export function NotesApp({ snapshot, status, stateDir, size, now = Date.now, onExit }: NotesAppProps) {
  const { columns, rows } = useTerminalSize(size);
  const { isRawModeSupported } = useStdin();
  const isFollowing = status === 'connected' && snapshot !== undefined;
  const time = useNow(now, isFollowing);
  const height = Math.max(1, rows - CHROME_ROWS);
  const notes = snapshot?.notes ?? '';
  const lines = useMemo(() => notesLines(notes, Math.max(1, columns - 2), true), [notes, columns]);
  // A new slide (or new notes) starts at the top.
  const key = `${snapshot?.slide}\n${notes}`;
  const [scroll, setScroll] = useState({ key, offset: 0 });
  const view: NotesWindow = { height, contentHeight: lines.length };
  const offset = scroll.key === key ? Math.min(scroll.offset, Math.max(0, lines.length - height)) : 0;
  // Read when a key arrives, which may be before the next render.
  const current = useLatest({ key, view });
  useInput((input, k) => {
    const action = notesAction(input, k);
    if (action?.type === 'quit') onExit();
    else if (action) {
      setScroll((s) => {
        const { key: shown, view: v } = current.current;
        return { key: shown, offset: scrollNotes(s.key === shown ? s.offset : 0, action, v) };
      });
    }
  }, { isActive: isRawModeSupported === true });

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;
  if (!isFollowing) return <NotesWaiting status={status} stateDir={stateDir} last={snapshot} width={columns} />;
  const position = scrollText(offset, height, lines.length);
  const hint = position === '' ? 'q quit' : `${position} · ${notesHint()}`;
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold color="cyan" wrap="truncate-end">{headerText(snapshot)}</Text>
      <Text wrap="truncate-end" {...(isOverTime(snapshot, time) ? TONES.bad : TONES.plain)}>{timerText(snapshot, time)}</Text>
      <Text dimColor wrap="truncate-end">{ruleText(snapshot.isBlank ? 'the screen is blanked' : '', columns)}</Text>
      <Box flexDirection="column" height={height} paddingX={1} overflow="hidden">
        {lines.slice(offset, offset + height).map((l, i) => (
          // Rows are positions in the window, not identities: the index is the right key.
          <Text key={i} wrap="truncate-end">{l === '' ? ' ' : l}</Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">{ruleText(hint, columns)}</Text>
      <Text wrap="truncate-end" bold>{nextText(snapshot)}</Text>
      {stepRows(snapshot.lastStep, columns).map((l, i) => (
        <Text key={i} wrap="truncate-end" {...TONES[stepTone(snapshot.lastStep)]}>{l}</Text>
      ))}
    </Box>
  );
}
