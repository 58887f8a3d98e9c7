// How tones look on screen. Colour choices live here and nowhere else in the UI.
import type { Tone } from '../markdown/styled.js';

export interface ToneStyle {
  readonly color?: string;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
}

export const TONES: Readonly<Record<Tone, ToneStyle>> = {
  plain: {},
  title: { bold: true },
  dim: { dimColor: true },
  accent: { color: 'cyan' },
  focus: { color: 'yellow', bold: true },
  good: { color: 'green' },
  bad: { color: 'red' },
  command: { color: 'yellow' },
};

/** The smallest terminal the TUI draws in. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;
