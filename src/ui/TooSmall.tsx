// Shown instead of the app when the terminal cannot hold it.
import { Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from './theme.js';

export interface TooSmallProps {
  readonly columns: number;
  readonly rows: number;
}

/** Says which dimension is too small and what is needed. */
export function TooSmall({ columns }: TooSmallProps) {
  const need = columns < MIN_COLUMNS ? `${MIN_COLUMNS} columns` : `${MIN_ROWS} rows`;
  return <Text>{`terminal too small (need ${need})`}</Text>;
}
