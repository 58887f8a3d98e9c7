// Which parts the status bar shows at a width, and in what form: pure, so it is tested with
// tables. Parts give way whole, least needed first, so the registry address is never cut while
// anything else is still shown.
import { truncateLine, visibleLength } from '../markdown/wrap.js';
import { offsetText } from './fault-lines.js';

/** What the bar has to say; `clockOffset` is 0 when it is not to be shown. */
export interface BarInput {
  readonly width: number;
  readonly title: string;
  readonly position: string;
  /** `where · engine`, as targetLabel makes it (`local ECR 127.0.0.1:44103 · builtin`). */
  readonly targetLabel: string;
  readonly faults: readonly string[];
  readonly clockOffset: number;
  /** Count the faults without naming them. */
  readonly isSecret: boolean;
  /** The title is a lesson's: it keeps a share of the bar before the engine. */
  readonly isTitleKept: boolean;
}

/** One part of the bar's right-hand side, in the order it is drawn. */
export interface BarPart {
  readonly text: string;
  /** A fault or the moved clock: what may make a step fail. */
  readonly isTrouble: boolean;
}

/** The title on the left (maybe cut, maybe empty) and the parts on the right. */
export interface BarLayout {
  readonly title: string;
  readonly parts: readonly BarPart[];
}

export const SEP = ' · ';
/** The least gap between the title and the parts. */
const GAP = 3;
/** The part of the bar a lesson title keeps when the engine can give way for it. */
const TITLE_SHARE = 0.3;
/** A title cut shorter than this says nothing (`Pus…`): none is shown. */
const MIN_TITLE = 8;

type Slot = 'position' | 'faults' | 'clock' | 'where' | 'engine' | 'help';
const DRAWN: readonly Slot[] = ['position', 'faults', 'clock', 'where', 'engine', 'help'];

function faultCount(faults: readonly string[]): string {
  const n = faults.length;
  return n === 0 ? '' : `${n} fault${n === 1 ? '' : 's'} on`;
}

/**
 * The parts in the order they are kept, the most needed first (so the order they give way in
 * is this one backwards):
 *  1. the registry address, cut with `…` only when it alone is wider than the bar: the learner
 *     copies it into docker and aws commands, and it says local ECR or live AWS;
 *  2. the fault count, then the moved clock: a step that fails because of one is a mystery
 *     without them;
 *  3. the position (`page 3/7 ↓`): the arrow is the one sign there is more below;
 *  4. `? help`: the lesson list's footer says it too;
 *  5. the names of the faults, in place of the count (the fault panel, f, names them too);
 *  6. a lesson title's share of the bar (30%, or what is left if less, but 8 columns at least);
 *  7. the engine: chosen once with a flag, and a step run on the built-in one says so on its card.
 * Whatever title there is then takes what is left, if that is 8 columns or more. The address
 * is not in the list: barLayout places it before anything else.
 */
function keepOrder(input: BarInput): [Slot | 'title', string][] {
  const [, ...engine] = input.targetLabel.split(SEP);
  const clock = input.clockOffset !== 0 ? `clock ${offsetText(input.clockOffset)}` : '';
  const names = input.isSecret || input.faults.length === 0 ? '' : `faults: ${input.faults.join(', ')}`;
  return [
    ['faults', faultCount(input.faults)], ['clock', clock], ['position', input.position], ['help', '? help'],
    ['faults', names], ['title', input.isTitleKept ? input.title : ''], ['engine', engine.join(SEP)],
  ];
}

/** The parts of the bar that fit `width`, each whole, kept in the order keepOrder gives. */
export function barLayout(input: BarInput): BarLayout {
  const { width, title } = input;
  const [where = ''] = input.targetLabel.split(SEP);
  const chosen = new Map<Slot, string>([['where', truncateLine(where, width)]]);
  let share = 0;
  const rightOf = (): string => DRAWN.map((s) => chosen.get(s) ?? '').filter((p) => p !== '').join(SEP);
  const used = (): number => visibleLength(rightOf()) + (share > 0 ? share + GAP : 0);
  for (const [slot, text] of keepOrder(input)) {
    if (text === '') continue;
    if (slot === 'title') {
      // What is left when that is less than its share, but a few words at least.
      share = Math.min(visibleLength(text), Math.floor(width * TITLE_SHARE), width - used() - GAP);
      if (share < MIN_TITLE) share = 0;
      continue;
    }
    const before = chosen.get(slot);
    chosen.set(slot, text);
    if (used() > width) {
      if (before === undefined) chosen.delete(slot);
      else chosen.set(slot, before);
    }
  }
  const parts = DRAWN.filter((s) => chosen.has(s))
    .map((s) => ({ text: chosen.get(s) ?? '', isTrouble: s === 'faults' || s === 'clock' }));
  const room = width - visibleLength(rightOf()) - GAP;
  // A title cut after a word ends `and…`, not `and …`.
  return { title: room >= MIN_TITLE ? truncateLine(title, room).replace(/ +…$/, '…') : '', parts };
}
