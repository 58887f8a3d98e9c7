// `ecr-lab drill --list` and `ecr-lab drill NAME`: a troubleshooting drill in the terminal,
// line by line (so it also runs with piped input): the story, the real failure, the diagnosis
// (scored before any fix counts), hints, the fix read from state, and the score, kept with
// the learner's progress.
import { createInterface } from 'node:readline/promises';
import { isSetupReady, type Drill } from '../../core/drill.js';
import { drillStep, scoreDrill, startDrill, type DrillSession } from '../../core/drill-session.js';
import { fillFaultText } from '../../core/faults.js';
import { recordDrill } from '../../core/progress.js';
import { STEP_IDS } from '../../core/steps.js';
import { stateDir } from '../../state/paths.js';
import { ProgressStore } from '../../state/progress-store.js';
import type { StepOutcome } from '../../workflow/types.js';
import { commandLines } from '../../markdown/command-lines.js';
import { wrapLine } from '../../markdown/wrap.js';
import { loadCourse } from '../content.js';
import { helpPointer, UsageError, UserError } from '../errors.js';
import type { TargetFlags } from '../target.js';

type Opts = TargetFlags & { list?: boolean };

/** The terminal's width when the drill writes to one: lines are then wrapped at words, as the terminal would cut them mid-word. */
const width = (): number | undefined => (process.stdout.isTTY && process.stdout.columns > 20 ? process.stdout.columns : undefined);

const out = (line = ''): void => {
  const w = width();
  process.stdout.write(`${w ? line.split('\n').flatMap((l) => wrapLine(l, w)).join('\n') : line}\n`);
};

/** Markdown prose (a story): in a terminal, each paragraph's source lines joined, then wrapped to its width. */
function outProse(text: string): void {
  if (!width()) return out(text);
  text.split(/\n\s*\n/).forEach((paragraph, i) => {
    if (i > 0) out('');
    out(paragraph.split('\n').map((l) => l.trim()).join(' '));
  });
}

/**
 * A command, `$ ` first: in a terminal, laid out as the cards lay it out, so that it pastes as
 * one command. The piece of a word split in two (the line before it ends in `\` right after
 * the word) stays at the first column, where bash joins it to the word again.
 */
function outCommand(command: string, indent = ''): void {
  const w = width();
  const lines = w ? commandLines(command, w - indent.length) : [`$ ${command}`];
  process.stdout.write(lines.map((l, i) => `${i > 0 && /\S\\$/.test(lines[i - 1]!) ? '' : indent}${l}\n`).join(''));
}

async function drills(): Promise<Drill[]> {
  const { loadDrills } = await import('../drills-content.js');
  const course = await loadCourse();
  const set = await loadDrills(undefined, course.lessons.map((l) => l.id));
  if (set.errors.length) throw new UserError(`${set.errors[0]!.file}:${set.errors[0]!.line}: ${set.errors[0]!.message} (ecr-lab check-content lists every problem)`);
  return set.drills;
}

async function list(): Promise<number> {
  const [all, loaded] = await Promise.all([drills(), new ProgressStore(stateDir()).load()]);
  if (loaded.warning) process.stderr.write(`${loaded.warning}\n`);
  for (const d of all) {
    const best = loaded.value.drills?.[d.id]?.best;
    out(`${d.id.padEnd(26)} ${String(d.minutes).padStart(2)} min  ${best === undefined ? '     ' : `${String(best).padStart(3)}/100`}  ${d.title}`);
  }
  out('');
  out('ecr-lab drill <id> plays one; the score counts a first-try diagnosis, hints used and time.');
  return 0;
}

function printOutcome(o: StepOutcome): void {
  outCommand(o.commands.join(' && '));
  for (const line of o.output.slice(-6)) out(`  ${line}`);
  out(o.status === 'succeeded' ? `  -> ${o.stepId} succeeded` : `  -> ${o.stepId} FAILED: ${o.error?.message ?? o.status}`);
  for (const warning of o.warnings ?? []) out(`  ${warning}`);
}

export async function drill(name: string | undefined, opts: Opts): Promise<number> {
  if (opts.list && name !== undefined) throw new UsageError(`drill --list takes no drill; drop '${name}' ${helpPointer('drill')}`);
  if (opts.list || name === undefined) return list();
  if (opts.live) throw new UsageError('drills run on the local ECR only: faults are never switched on in a real account');
  const found = (await drills()).find((d) => d.id === name);
  if (!found) throw new UsageError(`no drill '${name}'; ecr-lab drill --list shows them`);
  const { createLocalTarget } = await import('../../workflow/targets.js');
  const { createDrillRun } = await import('../../workflow/drill-runner.js');
  // Listened for before the local ECR starts: a Ctrl+C while it starts stops the drill as one
  // later does, with the local ECR closed, rather than ending the process on Node's default.
  let isInterrupted = false;
  const onEarlySigint = () => { isInterrupted = true; };
  process.once('SIGINT', onEarlySigint);
  let target: Target;
  try {
    target = await createLocalTarget({ stateDir: stateDir(), engine: opts.engine ?? 'auto', admin: true, interactive: true });
  } finally {
    process.off('SIGINT', onEarlySigint);
  }
  if (isInterrupted) {
    await target.close();
    return stop({ finish: async () => undefined });
  }
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    if (next.done) return undefined;
    process.stdout.write(process.stdin.isTTY ? '' : `${next.value}\n`);
    return next.value.trim();
  };
  // Ctrl+C ends the input: the drill then stops the way it does at the end of input, with its
  // faults switched off before the local ECR closes.
  const onSigint = () => rl.close();
  process.once('SIGINT', onSigint);
  try {
    return await play(found, target, createDrillRun(target, found), ask);
  } finally {
    process.off('SIGINT', onSigint);
    rl.close();
    await target.close();
  }
}

type Target = Awaited<ReturnType<typeof import('../../workflow/targets.js').createLocalTarget>>;

async function play(d: Drill, target: Target, run: ReturnType<typeof import('../../workflow/drill-runner.js').createDrillRun>, ask: (p: string) => Promise<string | undefined>): Promise<number> {
  const c = target.context;
  const fill = (t: string) => fillFaultText(t, { account: c.account, region: c.region, host: c.registry, repository: 'ecr-lab/demo', tag: 'v1', endpoint: c.endpointUrl, image: c.localImage ?? 'ecr-lab-demo' });
  out(`drill: ${d.title} (${d.minutes} min, on the local ECR ${c.registry}, engine ${target.engine})`);
  out('');
  outProse(d.story.trim());
  out('');
  out('setting the scene...');
  const setup = await run.prepare();
  const broken = setup.find((o) => !isSetupReady(o));
  if (broken) {
    printOutcome(broken);
    throw new UserError(`the drill's setup step ${broken.stepId} failed, so the drill cannot start; ecr-lab doctor says what is missing`);
  }
  out('');
  out('What the team sees:');
  for (const step of d.try) printOutcome(await run.runStep(step));
  if (d.commands.length) {
    out('');
    out(`You may look yourself (this local ECR runs until the drill ends; AWS's example key, region ${c.region}):`);
    for (const cmd of d.commands) outCommand(fill(cmd), '  ');
  }
  let session: DrillSession = startDrill(d, Date.now());
  out('');
  out(d.diagnosis.question);
  d.diagnosis.choices.forEach((choice, i) => out(`  ${i + 1}. ${choice}`));
  while (session.phase === 'diagnose') {
    const answer = await ask('your answer (a number, h for a hint, q to stop): ');
    if (answer === undefined || answer === 'q') return stop(run);
    if (answer === 'h') session = hint(d, session);
    else if (/^\d+$/.test(answer) && Number(answer) >= 1 && Number(answer) <= d.diagnosis.choices.length) {
      session = drillStep(d, session, { type: 'answer', choice: Number(answer) - 1 });
      out(session.phase === 'fix' ? `Right. ${d.diagnosis.explanation}` : 'Not that one. Look at the failure again (h gives a hint).');
    } else out(`type a number from 1 to ${d.diagnosis.choices.length}, h or q`);
  }
  out('');
  out('Now fix it. Commands: run <step> (e.g. ' + (d.fix[0] ?? d.try[0] ?? 'login') + '), check, h (hint), q (stop).');
  if (d.fixCommands.length) out('  or yourself:');
  for (const cmd of d.fixCommands) outCommand(fill(cmd), '    ');
  if (run.simulatedFixes.length) out(`  fix (part of it happens on your machine, outside AWS: ecr-lab simulates that repair for ${run.simulatedFixes.join(', ')})`);
  while (session.phase === 'fix') {
    const input = await ask('> ');
    if (input === undefined || input === 'q') return stop(run);
    const [verb, arg] = input.split(/\s+/);
    if (verb === 'h') session = hint(d, session);
    else if (verb === 'run' && arg && STEP_IDS.includes(arg)) printOutcome(await run.runStep(arg));
    else if (verb === 'fix' && run.simulatedFixes.length) out(`simulated repair on your machine: ${(await run.applySimulatedFixes()).join(', ') || 'nothing left to repair'}`);
    else if (verb === 'check') {
      const failures = await run.check();
      session = drillStep(d, session, { type: 'checked', failures, at: Date.now() });
      out(failures.length ? `not fixed yet: ${failures.join('; ')}` : 'Fixed: the state says so.');
    } else out(`commands: run <${STEP_IDS.join('|')}>, check, h, q${run.simulatedFixes.length ? ', fix' : ''}`);
  }
  return finish(d, session, run);
}

function hint(d: Drill, session: DrillSession): DrillSession {
  const next = drillStep(d, session, { type: 'hint' });
  out(next.hintsUsed > session.hintsUsed ? `hint ${next.hintsUsed}/3: ${d.hints[next.hintsUsed - 1]}` : 'no more hints');
  return next;
}

async function stop(run: { finish(): Promise<void> }): Promise<number> {
  await run.finish();
  out('drill stopped; its faults are off again and nothing was scored');
  return 1;
}

async function finish(d: Drill, session: DrillSession, run: { finish(): Promise<void> }): Promise<number> {
  await run.finish();
  const score = scoreDrill(d, session)!;
  const store = new ProgressStore(stateDir());
  const loaded = await store.load();
  if (loaded.warning) process.stderr.write(`${loaded.warning}\n`);
  await store.save(recordDrill(loaded.value, d.id, {
    points: score.points, isFirstTry: score.isFirstTry, hintsUsed: session.hintsUsed, seconds: score.seconds, at: new Date().toISOString(),
  }));
  out(`score: ${score.points}/100 (diagnosis ${score.diagnosis}${score.isFirstTry ? ', first try' : ''}, fix ${score.fix}, time ${score.time} in ${score.seconds} s, hints -${score.hintPenalty})`);
  return 0;
}
