// The fault panel's lines, the status bar's fault part and a drill's lines, as pure functions
// of their data at a width: no terminal, no local ECR.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { Drill } from '../../src/core/drill.js';
import { newPlay } from '../../src/core/drill-play.js';
import { startDrill } from '../../src/core/drill-session.js';
import { FAULTS } from '../../src/core/faults.js';
import { defaultContext } from '../../src/core/steps.js';
import { linesToText } from '../../src/markdown/styled.js';
import { drillLines } from '../../src/ui/drill-lines.js';
import { faultPanelLines, LIVE_ONLY, offsetText } from '../../src/ui/fault-lines.js';
import { StatusBar } from '../../src/ui/StatusBar.js';
import { truncateParts } from '../../src/markdown/wrap.js';
import type { StepOutcome } from '../../src/workflow/types.js';

const HOUR = 3_600_000;
/** The text of lines joined as one paragraph, to find words that wrapped. */
const flat = (lines: Parameters<typeof linesToText>[0]): string => linesToText(lines).replace(/\s+/g, ' ');
const rows = (cursor: number, on: string[] = []) => FAULTS.map((definition) => ({ definition, isOn: on.includes(definition.name) }));
const view = (cursor: number, on: string[] = [], clockOffset = 0) =>
  ({ faults: rows(cursor, on), cursor, clockOffset, isLive: false, context: defaultContext() });

describe('offsetText', () => {
  it.each([[13 * HOUR, '+13h'], [HOUR + 30 * 60_000, '+1h 30m'], [-5 * 60_000, '-5m'], [0, '+0m']])('%i ms is %s', (ms, text) => {
    expect(offsetText(ms)).toBe(text);
  });
});

describe('faultPanelLines', () => {
  it.each([[76, 19], [56, 15]])('at %ix%i keeps the cursor in view, names what it changes, and fits', (width, height) => {
    for (const cursor of [0, 10, FAULTS.length - 1]) {
      const lines = faultPanelLines(view(cursor), width, height);
      expect(lines.length).toBeLessThanOrEqual(height);
      expect(lines.every((l) => stringWidth(l.text) <= width)).toBe(true);
      expect(lines.some((l) => l.text.startsWith(`❯ off ${FAULTS[cursor]?.name}`))).toBe(true);
    }
  });

  it('says which faults are on, the clock, the filled-in change and a failed switch', () => {
    const text = linesToText(faultPanelLines({ ...view(2, ['token-expired'], 13 * HOUR), notice: 'no such repository' }, 76, 19));
    expect(text).toContain('local ECR clock: +13h ahead');
    expect(text).toContain('❯ on  token-expired');
    expect(text).toContain('✘ no such repository');
    expect(flat(faultPanelLines(view(0), 76, 19))).toContain("The repository with name 'ecr-lab/demo' does not exist");
  });

  it('on live AWS says faults are local only', () => {
    expect(linesToText(faultPanelLines({ ...view(0), faults: undefined, isLive: true }, 76, 19))).toContain(LIVE_ONLY);
  });
});

describe('the status bar with faults', () => {
  const bar = (width: number, faults: string[], clockOffset = 0, isSecret = false) => render(
    <StatusBar width={width} title="ecr-lab" position="" targetLabel="local ECR 127.0.0.1:40973 · builtin"
      faults={faults} clockOffset={clockOffset} isSecret={isSecret} />,
  ).lastFrame() ?? '';

  it.each<[string, number, string[], number, boolean, RegExp]>([
    ['names one fault at 80', 80, ['token-expired'], 13 * HOUR, false, /faults: token-expired · clock \+13h · local ECR 127\.0\.0\.1:4.* · \? help$/],
    ['counts them at 60, the engine giving way for the whole address', 60, ['token-expired'], 13 * HOUR, false, /^1 fault on · clock \+13h · local ECR 127\.0\.0\.1:40973 · \? help$/],
    ['counts two at 60', 60, ['not-logged-in', 'repository-missing'], 0, false, /2 faults on · local ECR 127\.0\.0\.1:40973 · builtin · \? help$/],
    ['says nothing of the clock or the names in secret', 80, ['token-expired'], 13 * HOUR, true, /ecr-lab +1 fault on · local ECR 127\.0\.0\.1:40973 · builtin · \? help$/],
    ['shows a moved clock alone', 60, [], 2 * HOUR, false, /clock \+2h · local ECR 127\.0\.0\.1:40973 · builtin · \? help$/],
    ['is as before without faults', 60, [], 0, false, /^ecr-lab +local ECR 127\.0\.0\.1:40973 · builtin · \? help$/],
  ])('%s', (_name, width, faults, offset, isSecret, expected) => {
    const frame = bar(width, faults, offset, isSecret);
    expect(frame).toMatch(expected);
    expect(stringWidth(frame)).toBeLessThanOrEqual(width);
  });

  it('drops the engine whole rather than cutting it mid-word (79 columns, a lesson title kept; at 80 all fits)', () => {
    const frame = render(
      <StatusBar width={79} title="Creating a repository" position="page 3/6 ↓" targetLabel="local ECR 127.0.0.1:42481 · docker"
        isTitleKept />,
    ).lastFrame() ?? '';
    expect(frame).toMatch(/^Creating a repository +page 3\/6 ↓ · local ECR 127\.0\.0\.1:42481 · \? help$/);
  });
});

describe('drillLines', () => {
  const drill: Drill = {
    id: 'd', title: 'T', minutes: 6, lesson: 'l', faults: ['token-expired'], setup: ['login'], try: ['push-image'], commands: [],
    diagnosis: { question: 'Why does it fail?', choices: ['a very long first choice that has to wrap onto a second line here', 'b'], answer: 0, explanation: 'Because.' },
    hints: ['one', 'two', 'three'], fix: ['login'], fixCommands: ['docker push <host>/<repo>:<tag>'], story: 'The story.', file: 'd.md',
  };
  const failed: StepOutcome = {
    stepId: 'push-image', status: 'failed', commands: ['docker push h/r:v1'], output: ['1', '2', '3', '4', '5', 'six'], durationMs: 300, verified: [],
    error: { code: 'DENIED', message: 'token expired', explanation: { cause: 'THE CAUSE', fix: 'THE FIX' } },
  };
  const run = { play: 1, setup: [], tries: [{ stepId: 'push-image', run: { status: 'done' as const, lines: failed.output.slice(-4), layers: {}, outcome: failed } }], fixes: {}, simulatedFixes: [] };
  const session = startDrill(drill, 0);
  const playing = { ...newPlay(1, drill), stage: 'session' as const, session };

  it('shows the failure without its explanation, and the choices with a hanging indent', () => {
    const text = linesToText(drillLines(playing, run, defaultContext(), 40));
    expect(text).toContain('✘ DENIED: token expired');
    expect(text).toContain('$ docker push h/r:v1');
    expect(text).not.toMatch(/THE CAUSE|THE FIX|│ 2 /);
    expect(text).toMatch(/❯ {3}1\. a very long first choice that has\n {7}to wrap/);
  });

  it('after the right answer: the explanation, the fix step and the commands filled in; then the score', () => {
    const fixing = { ...playing, session: { ...session, phase: 'fix' as const, attempts: [0] } };
    const text = linesToText(drillLines(fixing, run, defaultContext(), 60));
    expect(text).toContain('✔ Right. Because.');
    expect(text).toContain('▶ Step: Log Docker in');
    expect(flat(drillLines(fixing, run, defaultContext(), 120))).toContain(`Fixing it by hand, from another terminal (the learner: AWS's example key): $ docker push ${defaultContext().registry}/ecr-lab/demo:v1`);
    const score = { points: 100, diagnosis: 50, time: 30, fix: 20, hintPenalty: 0, isFirstTry: true, seconds: 42 };
    expect(linesToText(drillLines({ ...fixing, score }, run, defaultContext(), 60))).toContain('Score: 100/100');
  });

  it('lays out the commands to look with as the cards do: a row a command goes on onto ends in \\', () => {
    const looking = { ...playing, drill: { ...drill, commands: ['aws --endpoint-url <endpoint> iam list-attached-user-policies --user-name learner'] } };
    const rows = linesToText(drillLines(looking, run, defaultContext(), 60)).split('\n').map((l) => l.trimEnd());
    const first = rows.findIndex((l) => l.startsWith('$ aws --endpoint-url'));
    expect(rows[first]).toMatch(/ \\$/);
    expect(rows[first + 1]).toMatch(/^ {4}\S.*--user-name learner$/);
  });
});

describe('truncateParts', () => {
  it.each([
    ['local ECR 127.0.0.1:42481 · docker', 30, 'local ECR 127.0.0.1:42481'],
    ['local ECR 127.0.0.1:42481 · docker', 16, 'local ECR 127.0…'],
    ['drills: 0/14 done, best total 0 · d plays them', 36, 'drills: 0/14 done, best total 0'],
    ['averyveryverylongword', 8, 'averyve…'],
  ])('%s in %i columns is %s', (text, width, expected) => {
    expect(truncateParts(text, width)).toBe(expected);
  });
});
