// What `ecr-lab notes` shows while no presenter answers: which state dir it watches, and where
// the talk was if a presenter was followed before it quit.
import { Box, Text } from 'ink';
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import { headerText, waitingText } from './notes-text.js';

export interface NotesWaitingProps {
  readonly status: 'waiting' | 'connecting' | 'connected';
  readonly stateDir: string;
  /** The last snapshot seen, if any. */
  readonly last?: PresenterSnapshot;
  readonly width: number;
}

/** The waiting screen; the state dir wraps rather than being cut, since it is the thing to check. */
export function NotesWaiting({ status, stateDir, last, width }: NotesWaitingProps) {
  let line = waitingText(stateDir);
  if (status === 'connecting') line = `looking for \`ecr-lab present\` in this state dir (${stateDir})`;
  if (status === 'connected') line = 'connected to `ecr-lab present`; waiting for its first slide';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">ecr-lab notes</Text>
      <Text wrap="wrap">{line}</Text>
      {last && status === 'waiting'
        ? <Text wrap="wrap" dimColor>{`the presenter quit at ${headerText(last)}; the notes come back when it starts again`}</Text>
        : null}
      <Text dimColor>q quit</Text>
    </Box>
  );
}
