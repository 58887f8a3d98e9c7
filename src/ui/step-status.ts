// What a step card says under its commands: how to run it, its streaming output, and the
// outcome the workflow returned. Nothing here is invented: no runner means nothing ran.
import { wrapped } from '../markdown/blocks.js';
import { type StyledLine, line } from '../markdown/styled.js';
import type { StepOutcome } from '../workflow/types.js';
import type { StepRun } from './use-step-runs.js';

/** The line a card shows when the TUI has no workflow to run steps with. */
export const NOT_CONNECTED = 'This step will run here once the workflow is connected; nothing has been run.';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function outcomeLines(outcome: StepOutcome, width: number): StyledLine[] {
  const out: StyledLine[] = [];
  if (outcome.status === 'succeeded') {
    out.push(line(`✔ succeeded in ${seconds(outcome.durationMs)}`, 'good'));
  } else if (outcome.status === 'cancelled') {
    out.push(line(`■ cancelled after ${seconds(outcome.durationMs)}`, 'dim'));
  } else {
    out.push(line(`✘ failed after ${seconds(outcome.durationMs)}`, 'bad'));
  }
  for (const v of outcome.verified) out.push(...wrapped(`✔ ${v.label}: ${v.value}`, width, 'good'));
  if (outcome.summary) out.push(...wrapped(outcome.summary, width, 'plain'));
  const error = outcome.error;
  if (error) {
    out.push(...wrapped(`${error.code}: ${error.message}`, width, 'bad'));
    const why = error.explanation;
    if (why) {
      out.push(...wrapped(`Cause: ${why.cause}`, width, 'plain'));
      out.push(...wrapped(`Fix: ${why.fix}`, width, 'plain'));
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

function runLines(run: StepRun, width: number): StyledLine[] {
  const printed = run.lines.length > 0 || !run.outcome ? run.lines : run.outcome.output;
  const out: StyledLine[] = layerLinesInPlace(printed, run.layers).flatMap((l) => wrapped(l, width, 'dim'));
  if (run.confirm) {
    out.push(...wrapped(`${run.confirm.description} (IAM: ${run.confirm.iamActions.join(', ') || 'none'})`, width, 'focus'));
    out.push(line('Press y to go ahead, n to cancel.', 'focus'));
  } else if (run.status === 'running') {
    out.push(line('… running', 'accent'));
  }
  if (run.outcome) out.push(...outcomeLines(run.outcome, width));
  if (run.status === 'crashed') out.push(...wrapped(`✘ the step could not run: ${run.crash ?? 'unknown error'}`, width, 'bad'));
  return out;
}

/** The status lines of a card `width` columns wide inside its frame. */
export function stepStatusLines(
  run: StepRun | undefined, hasRunner: boolean, isFocused: boolean, width: number,
): StyledLine[] {
  if (!hasRunner) return wrapped(NOT_CONNECTED, width, 'dim');
  if (run) return runLines(run, width);
  return [line(isFocused ? 'Press Enter to run this step.' : 'Tab to this card, then Enter to run it.', 'dim')];
}
