// Lines of terminal text tagged with a tone, and a frame drawn around them. The UI maps
// tones to colours; plain renderings (`ecr-lab read`) simply join the text.
import { padLine, visibleLength, truncateLine } from './wrap.js';

/** What a line means, so a screen can colour it; the text itself carries no meaning in colour. */
export type Tone = 'plain' | 'title' | 'dim' | 'accent' | 'focus' | 'good' | 'bad' | 'command';

/** One line; `frame` set means the text sits inside the sides of a frame of that tone. */
export interface StyledLine {
  readonly text: string;
  readonly tone: Tone;
  readonly frame?: Tone;
}

/** The sides a framed line is drawn between. */
export const FRAME_LEFT = '│ ';
export const FRAME_RIGHT = ' │';

/** A line with a tone. */
export function line(text: string, tone: Tone = 'plain'): StyledLine {
  return { text, tone };
}

/** The full text of a line, frame sides included. */
export function lineText(l: StyledLine): string {
  return l.frame ? `${FRAME_LEFT}${l.text}${FRAME_RIGHT}` : l.text;
}

/** The text of styled lines, one per line. */
export function linesToText(lines: readonly StyledLine[]): string {
  return lines.map(lineText).join('\n');
}

/**
 * Draws a frame `width` columns wide (or narrower with `isTight`, to fit the body) with a
 * title in its top edge. Body lines wider than the inside are cut, never re-wrapped.
 */
export function frame(
  title: string, body: readonly StyledLine[], width: number, tone: Tone, isTight = false,
): StyledLine[] {
  const widest = Math.max(0, ...body.map((l) => visibleLength(l.text)));
  const outer = isTight ? Math.min(width, Math.max(widest + 4, visibleLength(title) + 6)) : width;
  const inner = Math.max(1, outer - 4);
  const label = truncateLine(` ${title} `, Math.max(1, outer - 4));
  const top = `╭─${label}${'─'.repeat(Math.max(0, outer - 3 - visibleLength(label)))}╮`;
  const bottom = `╰${'─'.repeat(Math.max(0, outer - 2))}╯`;
  return [
    line(top, tone),
    ...body.map((l) => ({ text: padLine(l.text, inner), tone: l.tone, frame: tone })),
    line(bottom, tone),
  ];
}
