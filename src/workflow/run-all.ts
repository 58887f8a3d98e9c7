// `ecr-lab run`: runs steps in order without the TUI, printing each step's equivalent command
// and outcome (or one JSON object per line), and stops at the first failure with its explanation.
import { equivalentCommands } from '../core/commands.js';
import { RUN_ALL_IDS, stepDefinition, type ParamValue } from '../core/steps.js';
import type { RunOptions, StepOutcome, StepRunner } from './types.js';
import { errorLine } from '../core/error-line.js';

/** Where the lines go: process.stdout, or anything with write(). */
export interface RunStepsOptions {
  readonly json?: boolean;
  readonly out: { write(chunk: string): unknown };
  readonly confirm?: RunOptions['confirm'];
  readonly signal?: AbortSignal;
}

/** The parameters of `params` that step `id` takes (shared values such as repository and tag). */
function paramsFor(id: string, params: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const def = stepDefinition(id);
  if (!def) return { ...params };
  return Object.fromEntries(Object.entries(params).filter(([k]) => k in def.params));
}

function render(o: StepOutcome, shown: readonly string[]): string[] {
  // Commands that differ from those printed first carry the run's own values (a path, a
  // digest): said so, or after the output they read as a second run.
  const ran = o.commands.filter((c) => !shown.includes(c)).map((c) => `  $ ${c}`);
  const lines = ran.length > 0 && shown.length > 0 ? ['  as this run did it:', ...ran] : ran;
  const took = `${o.durationMs} ms`;
  if (o.status === 'succeeded') {
    lines.push(`✓ ${o.stepId} succeeded in ${took}: ${o.summary ?? ''}`);
    for (const v of o.verified) lines.push(`    verified ${v.label}: ${v.value}`);
  } else if (o.status === 'cancelled') {
    lines.push(`- ${o.stepId} cancelled after ${took}: ${o.summary ?? ''}`);
  } else {
    lines.push(`✗ ${o.stepId} failed after ${took}: ${o.error ? errorLine(o.error) : o.status}`);
    const e = o.error?.explanation;
    if (e) lines.push(`    cause: ${e.cause}`, `    fix:   ${e.fix}`, ...(e.lesson ? [`    lesson: ${e.lesson}`] : []));
  }
  for (const warning of o.warnings ?? []) lines.push(`  ${warning}`);
  return lines;
}

/**
 * Runs `steps` (ids, or 'all' for the whole seminar in order, less the steps that need an
 * optional tool) with shared `params`.
 * Resolves 0 when every step succeeded, 1 at the first step that did not (the rest are skipped).
 */
export async function runSteps(
  runner: StepRunner, steps: readonly string[] | 'all', params: Readonly<Record<string, ParamValue>>, options: RunStepsOptions,
): Promise<0 | 1> {
  const ids = steps === 'all' ? RUN_ALL_IDS : steps;
  const write = (line: string): void => { options.out.write(`${line}\n`); };
  for (const id of ids) {
    const given = paramsFor(id, params);
    let shown: string[] = [];
    if (!options.json) {
      write(`▶ ${id}${stepDefinition(id) ? ` (${stepDefinition(id)!.title})` : ''}`);
      try { shown = equivalentCommands(id, given, runner.context); } catch { shown = []; }
      for (const c of shown) write(`  $ ${c}`);
    }
    const outcome = await runner.run(id, given, {
      confirm: options.confirm, signal: options.signal,
      onEvent: options.json ? undefined : (e) => { if (e.type === 'output') write(`  ${e.line}`); },
    });
    if (options.json) write(JSON.stringify(outcome));
    else for (const line of render(outcome, shown)) write(line);
    if (outcome.status !== 'succeeded') return 1;
  }
  return 0;
}
