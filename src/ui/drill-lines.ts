// A drill being played as styled lines at a width, in the order the CLI prints it: the story,
// the scene being set, what the team sees (step cards without the explanation, which would give
// the answer away), the question, then the fix, the check and the score. Pure.
import { equivalentCommands } from '../core/commands.js';
import type { Drill } from '../core/drill.js';
import { fillFaultText } from '../core/faults.js';
import type { MarkdownBlock } from '../core/lesson.js';
import { type TargetContext, stepDefinition } from '../core/steps.js';
import type { DrillPlay } from '../core/drill-play.js';
import { FRAME_SIDES, wrapped } from '../markdown/blocks.js';
import { commandLines } from '../markdown/command-lines.js';
import { proseLines } from '../markdown/page.js';
import { isMarkdownLoaded } from '../markdown/render.js';
import { type StyledLine, frame, line } from '../markdown/styled.js';
import { wrapLine } from '../markdown/wrap.js';
import { isSetupReady } from '../core/drill.js';
import type { DrillRunView, DrillStepView } from './drill-effects.js';
import { faultScope } from './fault-lines.js';
import { errorLine } from '../core/error-line.js';
import { took } from '../core/took.js';

const stories = new WeakMap<Drill, MarkdownBlock>();

function storyLines(drill: Drill, width: number): StyledLine[] {
  if (!isMarkdownLoaded()) return wrapped(drill.story.trim(), width);
  let block = stories.get(drill);
  if (!block) {
    block = { kind: 'markdown', text: drill.story };
    stories.set(drill, block);
  }
  return proseLines(block, width, true);
}

function statusLines(view: DrillStepView | undefined, width: number): StyledLine[] {
  const run = view?.run;
  if (!run) return [line('Enter runs it.', 'dim')];
  const out = run.lines.flatMap((l) => wrapped(l, width, 'dim'));
  const o = run.outcome;
  if (run.status === 'running') out.push(line('… running', 'accent'));
  else if (run.status === 'crashed') out.push(...wrapped(`✘ the step could not run: ${run.crash ?? 'unknown error'}`, width, 'bad'));
  else if (o?.status === 'succeeded') out.push(line(`✔ succeeded in ${took(o.durationMs)}`, 'good'));
  else if (o) out.push(...wrapped(`✘ ${o.error ? errorLine(o.error) : o.status}`, width, 'bad'));
  return out;
}

/**
 * A command to paste into another terminal, laid out as the cards lay theirs out: a row it goes on
 * onto ends in ` \\`, so pasted it is one command again (wrapped as prose, its second row ran as a
 * command of its own).
 */
function pasteable(command: string, width: number, tone: 'dim' | 'command'): StyledLine[] {
  return commandLines(command, width).map((l) => line(l, tone));
}

/** A step as a card: its commands for this target, its last lines of output and its status. */
function stepCard(stepId: string, view: DrillStepView | undefined, context: TargetContext, width: number, isFocused: boolean): StyledLine[] {
  const inner = width - FRAME_SIDES;
  // What really ran once it has; before that, what the lesson card of the step would show.
  const ran = view?.run.outcome?.commands ?? [];
  const shown = ran.length > 0 ? ran : equivalentCommands(stepId, {}, context);
  const body = [...shown.flatMap((c) => commandLines(c, inner).map((l) => line(l, 'command'))), ...statusLines(view, inner)];
  const title = `${isFocused ? '▶ ' : ''}Step: ${stepDefinition(stepId)?.title ?? stepId}`;
  return frame(title, body, width, isFocused ? 'focus' : 'accent');
}

/** Who the commands run as on the local ECR, said as `ecr-lab drill` says it. */
const AS_LEARNER = "the learner: AWS's example key";

function fill(text: string, context: TargetContext): string {
  return fillFaultText(text, faultScope(context));
}

function question(drill: Drill, play: DrillPlay, width: number): StyledLine[] {
  const session = play.session;
  if (!session) return [];
  const isOpen = session.phase === 'diagnose';
  const out = [line(''), ...wrapped(drill.diagnosis.question, width, 'title')];
  drill.diagnosis.choices.forEach((choice, i) => {
    const mark = !isOpen && i === drill.diagnosis.answer ? '✔' : session.attempts.includes(i) ? '✘' : ' ';
    const isCursor = isOpen && i === play.choice;
    const head = `${isCursor ? '❯' : ' '} ${mark} ${i + 1}. `;
    // Continuation lines start under the choice's text, not under its number.
    const rows = wrapLine(choice, Math.max(10, width - head.length));
    out.push(...rows.map((r, j) => line(`${j === 0 ? head : ' '.repeat(head.length)}${r}`, isCursor ? 'focus' : 'plain')));
  });
  return out;
}

function fixLines(drill: Drill, play: DrillPlay, run: DrillRunView | undefined, context: TargetContext, width: number): StyledLine[] {
  const session = play.session;
  if (!session || session.phase === 'diagnose') return [];
  const out = [line(''), ...wrapped(`✔ Right. ${drill.diagnosis.explanation}`, width, 'good'), line('')];
  const hasSteps = drill.fix.length > 0;
  if (hasSteps && drill.fixCommands.length > 0) out.push(...wrapped(`Fixing it by hand, from another terminal (${AS_LEARNER}):`, width, 'dim'));
  if (!hasSteps) out.push(...wrapped(`Now fix it from another terminal (${AS_LEARNER}), then c checks:`, width, 'title'));
  for (const cmd of drill.fixCommands) out.push(...pasteable(fill(cmd, context), width, hasSteps ? 'dim' : 'command'));
  if ((run?.simulatedFixes.length ?? 0) > 0) {
    out.push(...wrapped(`Part of this fix happens on your machine, outside AWS: F simulates that repair (${run?.simulatedFixes.join(', ')}).`, width, 'plain'));
  }
  // The steps come last, so the one under the cursor is in view at the end.
  if (hasSteps) out.push(...wrapped('Now fix it: Enter runs the step under ▶, c checks.', width, 'title'));
  drill.fix.forEach((stepId, i) => out.push(...stepCard(stepId, run?.fixes[i], context, width, session.phase === 'fix' && i === play.fixCursor)));
  return out;
}

function hintLines(drill: Drill, play: DrillPlay, width: number): StyledLine[] {
  const used = play.session?.hintsUsed ?? 0;
  return drill.hints.slice(0, used).flatMap((h, i) => wrapped(`Hint ${i + 1}/3: ${h}`, width, 'accent'));
}

function scoreLines(play: DrillPlay, width: number): StyledLine[] {
  const s = play.score;
  if (!s) return [];
  const how = `diagnosis ${s.diagnosis}${s.isFirstTry ? ' (first try)' : ''}, fix ${s.fix}, time ${s.time} (${s.seconds} s), ${s.hintPenalty > 0 ? `hints -${s.hintPenalty}` : 'no hints'}`;
  return [line(''), line(`Score: ${s.points}/100`, 'good'), ...wrapped(how, width, 'plain'), line('Recorded in your progress; its faults are off again.', 'dim')];
}

function sceneLines(play: DrillPlay, run: DrillRunView | undefined, context: TargetContext, width: number): StyledLine[] {
  if (play.stage === 'story') return [line(''), line('Press Enter to set the scene and watch it fail.', 'focus')];
  const setup = (run?.setup ?? []).map((s) => `${s.run.outcome && isSetupReady(s.run.outcome) ? '✔' : '✘'} ${s.stepId}`);
  const isSetting = play.stage === 'scene' && (run?.tries.length ?? 0) === 0;
  const out = [line(''), ...wrapped(`Setting the scene: ${setup.join('  ')}${isSetting ? ' …' : ''}`, width, 'dim')];
  if (play.stage === 'broken') return [...out, ...wrapped(`✘ ${play.reason ?? 'the drill could not start'}`, width, 'bad')];
  if ((run?.tries.length ?? 0) > 0) out.push(line(''), line('What the team sees:', 'title'));
  for (const t of run?.tries ?? []) out.push(...stepCard(t.stepId, t, context, width, false));
  if (play.stage === 'session' && play.drill.commands.length > 0) {
    out.push(...wrapped(`You may look yourself, from another terminal (${AS_LEARNER}):`, width, 'dim'));
    for (const cmd of play.drill.commands) out.push(...pasteable(fill(cmd, context), width, 'dim'));
  }
  return out;
}

/** Every line of the drill view at `width`. */
export function drillLines(play: DrillPlay, run: DrillRunView | undefined, context: TargetContext, width: number): StyledLine[] {
  const mine = run?.play === play.id ? run : undefined;
  const notice = play.notice ? wrapped(play.notice.text, width, play.notice.tone) : [];
  return [
    ...storyLines(play.drill, width), ...sceneLines(play, mine, context, width), ...question(play.drill, play, width),
    ...fixLines(play.drill, play, mine, context, width), ...hintLines(play.drill, play, width), ...notice, ...scoreLines(play, width),
  ];
}
