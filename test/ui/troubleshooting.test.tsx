// The fault panel, the status bar's faults and a whole drill on screen, against a REAL local ECR
// (built-in engine, admin endpoint open) driven by key presses, at 80x24 and 60x20.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadDrills } from '../../src/cli/drills-content.js';
import { adminCall } from '../../src/cli/admin-client.js';
import type { Drill } from '../../src/core/drill.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { runningLocalEcrs } from '../../src/state/admin-file.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import { fixtureLessons } from './fixture.js';
import { flatText, renderApp, widestLine, type Harness } from './harness.js';
import { ARROW_DOWN, ENTER, ESC, waitForFrame } from './keys.js';

const STEP_WAIT_MS = 15_000;
const SIZES = [[80, 24], [60, 20]] as const;

let drills: Drill[] = [];
let dir: string;
let target: LocalTarget;

beforeAll(async () => {
  await loadMarkdown();
  drills = (await loadDrills()).drills;
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-trouble-'));
  target = await createLocalTarget({
    stateDir: dir, dataDir: join(dir, 'local-ecr'), port: 0, engine: 'builtin', dockerConfigDir: join(dir, 'docker'), admin: true,
  });
});

afterEach(async () => {
  cleanup();
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

function open(columns: number, rows: number): Promise<Harness> {
  return renderApp({
    lessons: fixtureLessons(), drills, troubleshooting: target.troubleshooting, runner: target.runner, inspector: target.inspector,
    target: { label: `local ECR ${target.context.registry} · builtin`, context: target.context },
  }, columns, rows);
}

const until = (app: Harness, what: string | ((frame: string) => boolean)): Promise<string> =>
  waitForFrame(app.frame, typeof what === 'string' ? (f) => f.includes(what) : what, STEP_WAIT_MS);

const statusBar = (frame: string): string => frame.split('\n').at(-1) ?? '';

function expectFits(frame: string, columns: number, rows: number): void {
  expect(widestLine(frame)).toBeLessThanOrEqual(columns);
  expect(frame.split('\n').length).toBeLessThan(rows);
}

const isOn = (name: string): boolean => target.troubleshooting.faults().some((f) => f.definition.name === name && f.isOn);

describe.each(SIZES)('the fault panel at %ix%i', (columns, rows) => {
  it('switches token-expired on by keys; the status bar shows it; another terminal changes it', async () => {
    const app = await open(columns, rows);
    app.press('f');
    const panel = await app.waitFor('local ECR clock: real time');
    expect(panel).toContain('faults · f or Esc to close');
    expectFits(panel, columns, rows);
    app.press(ARROW_DOWN);
    app.press(ARROW_DOWN);
    const chosen = await app.waitFor('❯ off token-expired');
    expect(flatText(chosen)).toContain("Changes (server side): The local ECR's clock moves 13 hours ahead");
    app.press(ENTER);
    const on = await until(app, (f) => f.includes('❯ on  token-expired') && f.includes('clock +13h'));
    expect(on).toContain('local ECR clock: +13h ahead');
    expect(statusBar(on)).toContain(columns >= 80 ? 'faults: token-expired · clock +13h' : '1 fault on · clock +13h');
    expectFits(on, columns, rows);
    expect(isOn('token-expired')).toBe(true);

    app.press(ESC);
    await app.waitFor('Lessons');
    const file = (await runningLocalEcrs(dir))[0];
    if (!file) throw new Error('the local ECR wrote no admin file');
    await adminCall(file, 'POST', 'faults/reset');
    await adminCall(file, 'POST', 'clock', { advanceMs: 2 * 3_600_000 });
    const moved = await until(app, (f) => statusBar(f).includes('clock +2h'));
    expect(statusBar(moved)).not.toContain('fault');
    app.instance.unmount();
  });
});

describe('the fault panel in use', () => {
  it('says why a switch failed, switches with Space, all off with x, and moves the clock with + T 0', async () => {
    const app = await open(80, 24);
    app.press('f');
    await app.waitFor('❯ off repository-missing');
    for (let i = 0; i < 13; i += 1) app.press(ARROW_DOWN);
    await app.waitFor('❯ off tag-immutable');
    app.press(' ');
    await app.waitFor("✘ the repository 'ecr-lab/demo' does not exist yet");
    app.press(ARROW_DOWN);
    await app.waitFor('❯ off image-not-tagged-locally');
    app.press(' ');
    await app.waitFor('❯ on  image-not-tagged-locally');
    app.press('+');
    await app.waitFor('local ECR clock: +1h ahead');
    app.press('T');
    await app.waitFor('local ECR clock: +14h ahead');
    app.press('0');
    await app.waitFor('local ECR clock: real time');
    await target.server.faults.on('throttled', { repository: 'ecr-lab/demo', tag: 'v1' });
    await app.waitFor((f) => statusBar(f).includes('faults: image-not-tagged-locally, throttled'));
    app.press('x');
    await app.waitFor((f) => !statusBar(f).includes('fault'));
    expect(isOn('throttled') || isOn('image-not-tagged-locally')).toBe(false);
    app.instance.unmount();
  });
});
