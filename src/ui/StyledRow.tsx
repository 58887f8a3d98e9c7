// One styled line on screen: its tone as colour, frame sides in the frame's tone, never wrapped.
import { Text } from 'ink';
import { FRAME_LEFT, FRAME_RIGHT, type StyledLine } from '../markdown/styled.js';
import { TONES } from './theme.js';

export interface StyledRowProps {
  readonly line: StyledLine;
}

/** A line of a page; Ink cuts it rather than wrapping it, so one line is one row. */
export function StyledRow({ line }: StyledRowProps) {
  const text = line.text === '' ? ' ' : line.text;
  if (!line.frame) return <Text wrap="truncate-end" {...TONES[line.tone]}>{text}</Text>;
  const side = TONES[line.frame];
  return (
    <Text wrap="truncate-end">
      <Text {...side}>{FRAME_LEFT}</Text>
      <Text {...TONES[line.tone]}>{text}</Text>
      <Text {...side}>{FRAME_RIGHT}</Text>
    </Text>
  );
}
