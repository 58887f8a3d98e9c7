// What a step card says under its commands: how to run it, its streaming output, and the
// outcome the workflow returned. Nothing here is invented: no runner means nothing ran.
import { wrapped } from '../markdown/blocks.js';
import { type StyledLine, line } from '../markdown/styled.js';
import { balanceAnsi, visibleLength, wrapLine } from '../markdown/wrap.js';
import type { StepOutcome } from '../workflow/types.js';
import type { StepRun } from './use-step-runs.js';
import { errorLine } from '../core/error-line.js';
import { shortDigests } from './panel-lines.js';
import { took } from '../core/took.js';

/** The line a card shows when the TUI has no workflow to run steps with. */
export const NOT_CONNECTED = 'This step will run here once the workflow is connected; nothing has been run.';

/** What a card says when the target could not be opened: why, rather than a wait for nothing. */
const cannotRun = (problem: string): string =>
  `This step cannot run: the local ECR did not start: ${problem.replace(/\.$/, '')}. Nothing has been run.`;

// A row of describe-images' tree (`    ├── v1 -> sha256:…`): the guides before its branch, and the branch.
const TREE_ROW = /^((?:[│ ] {3})*)([├└]── )/;

/**
 * Where the rows a line wraps onto start: under a tree row's text, with the guide of a branch
 * that goes on (`│`) carried down so the tree stays whole; else two columns in.
 */
function continuation(text: string, width: number): string {
  const tree = TREE_ROW.exec(text);
  if (!tree) return '  ';
  const guides = `${tree[1] ?? ''}${tree[2]?.startsWith('├') ? '│   ' : '    '}`;
  return guides.length <= width / 2 ? guides : '  ';
}

const FULL_DIGEST = /sha256:[0-9a-f]{64}/;

/** A word holding a digest, in pieces that fit `room` columns (see fitDigests). */
function fitWord(word: string, room: number): string {
  if (!FULL_DIGEST.test(word) || visibleLength(word) <= room) return word;
  // A reference (`<host>/<repo>@sha256:…`) breaks before its digest, which then starts a row
  // of its own, whole where that holds it, rather than being cut in two.
  return word.split(/(?=@sha256:)/).map((piece) => (visibleLength(piece) <= room ? piece : shortDigests(piece))).join('\n');
}

/**
 * The text with each word holding a full digest that a row of `room` columns cannot hold
 * broken before its digest, and each piece still too wide given docker's short form of its
 * digests: a word too wide is cut, and a digest cut at a row's end leaves pieces of itself.
 */
function fitDigests(text: string, room: number): string {
  return text.replace(/\S+/g, (word) => fitWord(word, room));
}

/**
 * One printed or verified line; the rows it wraps onto go on two columns in (a tree row's
 * under its text), so that a value carried down (`repositoryArn:` / `arn:aws:...`) does not
 * read as a line of its own. A digest goes down whole, or short where a row cannot hold it.
 */
function hanging(text: string, width: number, tone: StyledLine['tone']): StyledLine[] {
  if (visibleLength(text) <= width) return [line(text, tone)];
  const indent = continuation(text, width);
  const fitted = fitDigests(text, width - indent.length);
  // Coloured text is left to `wrapped`: its codes would not survive the slicing.
  if (fitted.includes('\u001B') || width < 8) return wrapped(fitted, width, tone);
  const [head = '', ...down] = fitted.split('\n');
  const [first = ''] = wrapLine(head, width);
  const rest = [head.slice(first.length).trimStart(), ...down].filter((r) => r !== '');
  return [line(first, tone), ...rest.flatMap((r) => wrapLine(r, width - indent.length)).map((t) => line(indent + t, tone))];
}

const CODE_SPAN = /`([^`\n]+)`/g;

/**
 * The explanations are written with markdown code spans (`docker login`): with colour the
 * code is drawn in the command colour and its backticks go; without colour the backticks are
 * the one thing that sets the command apart from the sentence, so they stay.
 */
export function codeSpanLines(text: string, width: number, color: boolean): StyledLine[] {
  if (!color) return wrapped(text, width, 'plain');
  const marked = text.replace(CODE_SPAN, (_span, code: string) => `\u001B[33m${code}\u001B[39m`);
  // A span wrapped onto the next row is opened again there, so it never colours the frame.
  return balanceAnsi(wrapped(marked, width, 'plain').map((l) => l.text)).map((t) => line(t, 'plain'));
}

/** Whether the terminal shows colour (NO_COLOR, FORCE_COLOR and TERM have their say). */
function terminalHasColour(): boolean {
  return process.stdout.hasColors?.() === true;
}

function outcomeLines(outcome: StepOutcome, width: number, color: boolean): StyledLine[] {
  const out: StyledLine[] = [];
  if (outcome.status === 'succeeded') {
    out.push(line(`✔ succeeded in ${took(outcome.durationMs)}`, 'good'));
  } else if (outcome.status === 'cancelled') {
    out.push(line(`■ cancelled after ${took(outcome.durationMs)}`, 'dim'));
  } else {
    out.push(line(`✘ failed after ${took(outcome.durationMs)}`, 'bad'));
  }
  for (const v of outcome.verified) out.push(...hanging(`✔ ${v.label}: ${v.value}`, width, 'good'));
  if (outcome.summary) out.push(...wrapped(fitDigests(outcome.summary, width), width, 'plain'));
  const error = outcome.error;
  if (error) {
    out.push(...wrapped(fitDigests(errorLine(error), width), width, 'bad'));
    const why = error.explanation;
    if (why) {
      out.push(...codeSpanLines(`Cause: ${why.cause}`, width, color));
      out.push(...codeSpanLines(`Fix: ${why.fix}`, width, color));
      if (why.lesson) out.push(line(`Lesson: ${why.lesson}`, 'accent'));
    }
  }
  return out;
}

const LAYER_LINE = /^([0-9a-f]{12}): /;

/**
 * Printed lines with each layer's progress shown once, in place, the way docker redraws it on a
 * terminal: a layer's first line (`<id>: Preparing`) shows its latest status, its later lines are
 * dropped, and layers that only reported progress (never printed) come last.
 */
export function layerLinesInPlace(printed: readonly string[], layers: Readonly<Record<string, string>>): string[] {
  const latest = new Map<string, string>();
  for (const l of printed) {
    const id = LAYER_LINE.exec(l)?.[1];
    if (id) latest.set(id, l.slice(id.length + 2));
  }
  for (const [id, status] of Object.entries(layers)) latest.set(id, status);
  const shown = new Set<string>();
  const out: string[] = [];
  for (const l of printed) {
    const id = LAYER_LINE.exec(l)?.[1];
    if (!id) { out.push(l); continue; }
    if (!shown.has(id)) out.push(`${id}: ${latest.get(id)}`);
    shown.add(id);
  }
  for (const [id, status] of Object.entries(layers)) if (!shown.has(id)) out.push(`${id}: ${status}`);
  return out;
}

function runLines(run: StepRun, width: number, color: boolean): StyledLine[] {
  const printed = run.lines.length > 0 || !run.outcome ? run.lines : run.outcome.output;
  const out: StyledLine[] = layerLinesInPlace(printed, run.layers).flatMap((l) => hanging(l, width, 'dim'));
  if (run.confirm) {
    out.push(...wrapped(`${run.confirm.description} (IAM: ${run.confirm.iamActions.join(', ') || 'none'})`, width, 'focus'));
    out.push(line('Press y to go ahead, n to cancel.', 'focus'));
  } else if (run.status === 'running') {
    out.push(line('… running', 'accent'));
  }
  if (run.outcome) out.push(...outcomeLines(run.outcome, width, color));
  for (const warning of run.outcome?.warnings ?? []) out.push(...wrapped(warning, width, 'bad'));
  if (run.status === 'crashed') out.push(...wrapped(`✘ the step could not run: ${run.crash ?? 'unknown error'}`, width, 'bad'));
  return out;
}

/**
 * The status lines of a card `width` columns wide inside its frame. `hasRunner` is false while
 * the workflow is not connected yet, or the reason it never will be (the local ECR did not start).
 */
export function stepStatusLines(
  run: StepRun | undefined, hasRunner: boolean | string, isFocused: boolean, width: number, color = terminalHasColour(),
): StyledLine[] {
  if (typeof hasRunner === 'string') return wrapped(cannotRun(hasRunner), width, 'bad');
  if (!hasRunner) return wrapped(NOT_CONNECTED, width, 'dim');
  if (run) return runLines(run, width, color);
  return wrapped(isFocused ? 'Press Enter to run this step.' : 'Tab to this card, then Enter to run it.', width, 'dim');
}
