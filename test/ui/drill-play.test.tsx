// A whole drill played by key presses against a REAL local ECR (built-in engine): the drills
// screen, the story, the real failure, a wrong answer and a hint, the fix step, the check read
// from state, the score recorded in progress; at 80x24 and 60x20. And what live AWS says.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadDrills } from '../../src/cli/drills-content.js';
import type { Drill } from '../../src/core/drill.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { LIVE_ONLY } from '../../src/ui/fault-lines.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import { fixtureLessons, liveContext } from './fixture.js';
import { flatText, renderApp, widestLine, type Harness } from './harness.js';
import { ARROW_DOWN, ENTER, ESC, waitForFrame } from './keys.js';

const STEP_WAIT_MS = 15_000;

let drills: Drill[] = [];
let dir: string;
let target: LocalTarget;

beforeAll(async () => {
  await loadMarkdown();
  drills = (await loadDrills()).drills;
});

afterEach(() => cleanup());

const until = (app: Harness, what: string | ((frame: string) => boolean)): Promise<string> =>
  waitForFrame(app.frame, typeof what === 'string' ? (f) => f.includes(what) : what, STEP_WAIT_MS);

const statusBar = (frame: string): string => frame.split('\n').at(-1) ?? '';

function expectFits(frame: string, columns: number, rows: number): void {
  expect(widestLine(frame)).toBeLessThanOrEqual(columns);
  expect(frame.split('\n').length).toBeLessThan(rows);
}

/** From the lesson list to the story of `id`, by keys. */
async function openDrill(app: Harness, id: string): Promise<string> {
  app.press('d');
  await app.waitFor((t) => /Drills · (\d+-\d+ of \d+ · )?0\//.test(t));
  const drill = drills.find((d) => d.id === id);
  if (!drill) throw new Error(`no drill ${id} in drills/`);
  for (let i = 0; i < drills.indexOf(drill); i += 1) app.press(ARROW_DOWN);
  await app.waitFor(`❯ ${drill.title.slice(0, 30)}`);
  app.press(ENTER);
  return app.waitFor('Enter set the scene');
}

describe.each([[80, 24], [60, 20]] as const)('a drill at %ix%i', (columns, rows) => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecr-lab-drill-'));
    target = await createLocalTarget({
      stateDir: dir, dataDir: join(dir, 'local-ecr'), port: 0, engine: 'builtin', dockerConfigDir: join(dir, 'docker'),
    });
  });

  afterEach(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plays token-expired from the story to the score, and records it', async () => {
    const app = await renderApp({
      lessons: fixtureLessons(), drills, troubleshooting: target.troubleshooting, runner: target.runner, inspector: target.inspector,
      target: { label: `local ECR ${target.context.registry} · builtin`, context: target.context },
    }, columns, rows);
    const story = await openDrill(app, 'token-expired');
    expect(story).toContain('Drill: The nightly push that fails after dinner');
    expect(flatText(story)).toContain('The build agent in the office is a long-running virtual');
    expectFits(story, columns, rows);

    app.press(ENTER);
    const failing = await until(app, 'h hint · Esc leave');
    expect(flatText(failing)).toContain('denied: Your authorization token has expired.');
    expect(failing).toContain('❯   1. The registry token docker stored');
    // The fault and the moved clock would give the answer away while the question is open.
    expect(statusBar(failing)).toContain('1 fault on');
    expect(statusBar(failing)).not.toMatch(/token-expired|clock/);
    expectFits(failing, columns, rows);
    // PgUp shows what ran above the question; moving the choice brings the question back.
    app.press('b');
    await app.waitFor(`$ docker push ${target.context.registry}/ecr-lab/demo:v1`);
    app.press(ARROW_DOWN);
    await app.waitFor('❯   2. The build agent');

    app.press('2');
    const wrong = await app.waitFor('✘ Not that one (2).');
    expect(wrong).not.toContain('Right.');
    app.press('h');
    await app.waitFor('Hint 1/3:');
    app.press('1');
    const fixing = await app.waitFor('c check');
    expect(flatText(fixing)).toContain('▶ Step: Log Docker in');
    // Once diagnosed, the status bar may say it (at 60 columns as a count).
    expect(statusBar(fixing)).toContain(columns >= 80 ? 'faults: token-expired · clock +13h' : '1 fault on · clock +13h');

    app.press(ENTER);
    await until(app, '✔ succeeded');
    app.press('c');
    const done = await until(app, 'Score: 65/100');
    expect(flatText(done)).toContain('✔ Fixed: the state says so.');
    expect(flatText(done)).toContain('diagnosis 25, fix 20, time 30');
    expectFits(done, columns, rows);
    await app.waitFor((f) => !statusBar(f).includes('fault'));
    expect(target.troubleshooting.faults().filter((f) => f.isOn)).toEqual([]);
    expect(app.saved.at(-1)?.drills?.['token-expired']).toMatchObject({ best: 65, runs: [{ points: 65, isFirstTry: false, hintsUsed: 1 }] });

    app.press(ESC);
    await app.waitFor((f) => / 6 min +65\/100/.test(f));
    app.press(ESC);
    expect(await app.waitFor('Lessons')).toContain(`drills: 1/${drills.length} done, best total 65`);
    app.instance.unmount();
  });

  it('Esc in the middle leaves the drill and switches its faults off', async () => {
    const app = await renderApp({
      lessons: fixtureLessons(), drills, troubleshooting: target.troubleshooting,
      target: { label: 'local ECR', context: target.context },
    }, columns, rows);
    await openDrill(app, 'token-expired');
    app.press(ENTER);
    await until(app, 'h hint · Esc leave');
    app.press(ESC);
    await app.waitFor((t) => /Drills · (\d+-\d+ of \d+ · )?0\//.test(t));
    await until(app, (f) => !statusBar(f).includes('fault'));
    expect(target.troubleshooting.faults().filter((f) => f.isOn)).toEqual([]);
    expect(app.saved.every((p) => p.drills === undefined)).toBe(true);
    app.instance.unmount();
  });
});

describe('faults and drills on live AWS', () => {
  it('the fault panel says faults are local only, and a drill says why it cannot start', async () => {
    const app = await renderApp({ drills, target: { label: 'live AWS eu-west-1', context: liveContext() } });
    app.press('f');
    expect(flatText(await app.waitFor('faults · f or Esc to close'))).toContain(LIVE_ONLY);
    app.press(ESC);
    await app.waitFor('Lessons');
    app.press('d');
    expect(await app.waitFor('Drills ·')).toContain('Live AWS: drills play on the local ECR only');
    app.press(ENTER);
    await app.waitFor('Enter set the scene');
    app.press(ENTER);
    expect(flatText(await app.waitFor('✘ Drills run on the local ECR only'))).toContain('(ecr-lab without --live): no local ECR runs here');
    app.instance.unmount();
  });
});
