// The presenter screen through ink-testing-library: every key, the jump, blank, help, the fault
// panel, the timer on an injected clock, a step run, the fallback, a quiz on a slide, snapshots.
import stringWidth from 'string-width';
import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/core/deck.js';
import type { PresenterClock } from '../../src/core/presenter.js';
import type { PresenterSnapshot } from '../../src/core/presenter-snapshot.js';
import { defaultContext } from '../../src/core/steps.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { Presenter, type PresenterProps } from '../../src/ui/present/Presenter.js';
import type { StepOutcome, StepRunner } from '../../src/workflow/types.js';
import { fixtureDeck, longDeck } from '../fixtures/present/deck-fixture.js';
import { ARROW_DOWN, ARROW_LEFT, ARROW_RIGHT, BACKSPACE, ENTER, ESC, PAGE_DOWN, TAB, waitForFrame } from './keys.js';

const PAGE_UP = '\u001B[5~';
const HOME = '\u001B[H';
const END = '\u001B[F';

interface PresenterHarness {
  readonly frame: () => string;
  readonly press: (key: string) => void;
  readonly waitFor: (what: string | ((t: string) => boolean)) => Promise<string>;
  readonly snapshots: PresenterSnapshot[];
  readonly exits: Array<readonly number[]>;
  readonly clock: { now: number };
  /** Draws the presenter again with these props on top of the first ones. */
  readonly rerender: (more: Partial<PresenterProps>) => void;
}

async function renderPresenter(overrides: Partial<PresenterProps> = {}, columns = 80, rows = 24): Promise<PresenterHarness> {
  const snapshots: PresenterSnapshot[] = [];
  const exits: Array<readonly number[]> = [];
  const clock = { now: 1_000_000 };
  const onSnapshot = (s: PresenterSnapshot): void => { snapshots.push(s); };
  const onExit = (clock: PresenterClock): void => { exits.push(clock.spentMs); };
  const now = (): number => clock.now;
  const appWith = (more: Partial<PresenterProps>) => (
    <Presenter deck={fixtureDeck()} plannedMs={10 * 60_000} target={{ label: 'local ECR 127.0.0.1:5000', isLive: false, context: defaultContext() }}
      onSnapshot={onSnapshot} onExit={onExit} now={now} tickMs={20}
      size={{ columns, rows }} {...overrides} {...more} />
  );
  const app = appWith({});
  const instance = render(app);
  if (columns > 100) {
    // ink-testing-library's stdout is 100 columns wide and Ink cuts its output there: widen it.
    Object.defineProperty(instance.stdout, 'columns', { value: columns, configurable: true });
    instance.rerender(app);
  }
  const frame = (): string => instance.lastFrame() ?? '';
  const waitFor = (what: string | ((t: string) => boolean)): Promise<string> =>
    waitForFrame(frame, typeof what === 'string' ? (t) => t.includes(what) : what);
  await waitFor((t) => t.trim() !== '');
  await waitForFrame(() => String(instance.stdin.listenerCount('readable')), (n) => n !== '0');
  return { frame, press: (k) => instance.stdin.write(k), waitFor, snapshots, exits, clock, rerender: (more) => instance.rerender(appWith(more)) };
}

function outcome(status: StepOutcome['status'], extra: Partial<StepOutcome> = {}): StepOutcome {
  return { stepId: 'whoami', status, commands: ['aws sts get-caller-identity'], output: ['{"Account": "123456789012"}'], durationMs: 120, verified: [], ...extra };
}

function fakeRunner(result: StepOutcome, calls: string[] = [], context = defaultContext()): StepRunner {
  return { context, run: async (stepId) => { calls.push(stepId); return result; } };
}

const at = (n: number, of = 5) => (t: string) => t.includes(`${n}/${of} ·`);

beforeAll(async () => {
  await loadMarkdown();
});

describe('navigation keys', () => {
  it.each([['→', ARROW_RIGHT], ['Space', ' '], ['PgDn', PAGE_DOWN], ['l', 'l']])('%s goes to the next slide', async (_name, key) => {
    const h = await renderPresenter();
    expect(h.frame()).toContain('A registry per account and region.');
    h.press(key);
    await h.waitFor(at(2));
  });

  it.each([['←', ARROW_LEFT], ['PgUp', PAGE_UP], ['h', 'h']])('%s goes back', async (_name, key) => {
    const h = await renderPresenter();
    h.press(END);
    await h.waitFor(at(5));
    h.press(key);
    await h.waitFor(at(4));
  });

  it('Home and End go to the first and last slide', async () => {
    const h = await renderPresenter();
    h.press(END);
    expect(await h.waitFor(at(5))).toContain('Questions?');
    h.press(HOME);
    await h.waitFor(at(1));
  });

  it('g, a number and Enter jump; Backspace edits; Esc cancels; a number out of range says so', async () => {
    const h = await renderPresenter();
    h.press('g');
    await h.waitFor('go to slide: _');
    h.press('4');
    h.press('7');
    await h.waitFor('go to slide: 47_');
    h.press(BACKSPACE);
    await h.waitFor('go to slide: 4_');
    h.press(ENTER);
    await h.waitFor(at(4));
    h.press('g');
    h.press('2');
    await h.waitFor('go to slide: 2_');
    h.press(ESC);
    await h.waitFor((t) => !t.includes('go to slide'));
    expect(h.frame()).toContain('4/5 ·');
    h.press('g');
    h.press('9');
    h.press(ENTER);
    await h.waitFor('no slide 9 (this deck: 1 to 5)');
    expect(h.frame()).toContain('4/5 ·');
  });

  it('keys typed faster than a frame arrive in one chunk and still jump', async () => {
    const h = await renderPresenter();
    h.press('g3\r');
    await h.waitFor(at(3));
  });

  it('b blanks the screen and b brings it back', async () => {
    const h = await renderPresenter();
    h.press('b');
    await h.waitFor((t) => t.trim() === '');
    h.press('b');
    await h.waitFor(at(1));
  });

  it('? shows every key from the keymap table; Esc closes it', async () => {
    const h = await renderPresenter();
    h.press('?');
    const help = await h.waitFor('On a slide');
    for (const words of ['next slide', 'previous slide', 'blank / unblank', 'fault panel (local ECR)', 'rerun on the local ECR', 'the slide number', 'clock +1h, +13h, now']) expect(help).toContain(words);
    h.press(ESC);
    await h.waitFor('A registry per account and region.');
  });

  it('f opens the fault panel (with no local ECR yet it says so) and f closes it', async () => {
    const h = await renderPresenter();
    h.press('f');
    await h.waitFor('faults · f or Esc to close');
    h.press('f');
    await h.waitFor('A registry per account and region.');
  });

  it('q quits once, with the time spent on each slide', async () => {
    const h = await renderPresenter();
    h.clock.now += 5_000;
    h.press(ARROW_RIGHT);
    await h.waitFor(at(2));
    h.clock.now += 3_000;
    h.press('q');
    await waitForFrame(() => String(h.exits.length), (n) => n === '1');
    expect(h.exits[0]?.slice(0, 2)).toEqual([5_000, 3_000]);
  });

  it('asked to quit from outside (a SIGINT), quits as q does, counting the time on the current slide', async () => {
    const h = await renderPresenter();
    h.clock.now += 4_000;
    h.press(ARROW_RIGHT);
    await h.waitFor(at(2));
    h.clock.now += 2_000;
    h.rerender({ isInterrupted: true });
    await waitForFrame(() => String(h.exits.length), (n) => n === '1');
    expect(h.exits[0]?.slice(0, 2)).toEqual([4_000, 2_000]);
  });
});

describe('the timer', () => {
  it('counts up and down on the injected clock, and turns to "over" past the plan', async () => {
    const h = await renderPresenter();
    await h.waitFor('0:00 elapsed · 10:00 left');
    h.clock.now += 61_000;
    await h.waitFor('1:01 elapsed · 8:59 left');
    h.clock.now += 9 * 60_000 + 70_000;
    await h.waitFor('11:11 elapsed · +1:11 over');
  });

  it('snapshots follow the slide, its notes and the next title, and tick with the clock', async () => {
    const h = await renderPresenter();
    h.press(ARROW_RIGHT);
    await h.waitFor(at(2));
    await waitForFrame(() => String(h.snapshots.at(-1)?.slide), (s) => s === '1');
    h.press(ARROW_RIGHT);
    await waitForFrame(() => String(h.snapshots.at(-1)?.slide), (s) => s === '2');
    const last = h.snapshots.at(-1)!;
    expect([last.title, last.notes, last.nextTitle, last.slideCount]).toEqual(['Who am I', 'Run whoami.', 'Both', 5]);
    h.clock.now += 4_000;
    await waitForFrame(() => String(h.snapshots.at(-1)?.elapsedMs), (ms) => ms === '4000');
  });
});

describe('blocks on a slide', () => {
  it('a quiz is answered with Tab and a number, tried again, and its answer shown with a', async () => {
    const h = await renderPresenter();
    h.press(ARROW_RIGHT);
    await h.waitFor('Where do images live?');
    h.press(TAB);
    await h.waitFor('▶ Question');
    h.press('2');
    const wrong = await h.waitFor('✘ Not quite.');
    expect(wrong).not.toContain('Repositories hold images.');
    expect(wrong).not.toContain('scored');
    h.press(ARROW_DOWN);
    h.press(ARROW_DOWN);
    h.press(ENTER);
    await h.waitFor('✘ 3. On the laptop');
    h.press('a');
    const shown = await h.waitFor('The answer is 1.');
    expect(shown).toContain('Repositories hold images.');
  });

  it('a step that prints 100 lines sends the followers a few snapshots, not one a line', { timeout: 60_000 }, async () => {
    // The test hands the step its lines one at a time and waits for each on the screen: every
    // line is its own render (a chance for a snapshot), and no wait spans the whole run, whose
    // 100 renders take longer than one wait's deadline on a loaded machine.
    let emit: ((line: string) => void) | undefined;
    let finish: (() => void) | undefined;
    const chatty: StepRunner = {
      context: defaultContext(),
      run: (_stepId, _params, options) => new Promise<StepOutcome>((resolve) => {
        emit = (line) => options?.onEvent?.({ type: 'output', line });
        finish = () => resolve(outcome('succeeded'));
      }),
    };
    const h = await renderPresenter({ runner: chatty, tickMs: 3_600_000 });
    h.press('g3\r');
    await h.waitFor(at(3));
    const before = h.snapshots.length;
    h.press(TAB);
    h.press(ENTER);
    await waitForFrame(() => (emit ? 'started' : ''), (t) => t === 'started');
    for (let i = 1; i <= 100; i++) {
      emit!(`line ${i}`);
      await h.waitFor((t) => new RegExp(`│ line ${i} +│`).test(t));
    }
    finish!();
    await h.waitFor('✔ succeeded');
    await waitForFrame(() => h.snapshots.at(-1)?.lastStep?.status ?? '', (st) => st === 'succeeded');
    expect(h.snapshots.length - before).toBeLessThan(10);
  });

  it('a step runs through the runner on Enter and shows what it verified', async () => {
    const calls: string[] = [];
    const runner = fakeRunner(outcome('succeeded', { verified: [{ label: 'caller', value: 'arn:aws:iam::123456789012:user/learner' }] }), calls);
    const h = await renderPresenter({ runner });
    h.press('g3\r');
    await h.waitFor(at(3));
    h.press(TAB);
    h.press(ENTER);
    await h.waitFor('✔ succeeded in 120 ms');
    expect(h.frame()).toContain('arn:aws:iam::123456789012:user/learner');
    expect(calls).toEqual(['whoami']);
    await waitForFrame(() => h.snapshots.at(-1)?.lastStep?.status ?? '', (s) => s === 'succeeded');
    expect(h.snapshots.at(-1)?.lastStep).toMatchObject({ stepId: 'whoami', target: 'local' });
  });
});

describe('the fallback', () => {
  const dns = outcome('failed', {
    output: [], error: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com', explanation: { id: 'dns-failure', cause: 'no DNS', fix: 'network' } },
  });
  const live = { label: 'live AWS 123456789012 us-east-1', isLive: true, context: { ...defaultContext(), kind: 'live' as const } };

  it('a live step failing outside the lesson offers L, which reruns it on the local ECR and says so', async () => {
    const liveCalls: string[] = [];
    const localCalls: string[] = [];
    const h = await renderPresenter({
      target: live, runner: fakeRunner(dns, liveCalls),
      localRunner: fakeRunner(outcome('succeeded', { verified: [{ label: 'account', value: '123456789012' }] }), localCalls,
        { ...defaultContext(), registry: '127.0.0.1:5999', endpointUrl: 'http://127.0.0.1:5999' }),
    }, 100, 30);
    h.press('g3\r');
    h.press(TAB);
    h.press(ENTER);
    const offered = await h.waitFor('Press L to run it on the local ECR');
    expect(offered).not.toContain('--endpoint-url');
    expect(localCalls).toEqual([]);
    h.press('L');
    const after = await h.waitFor('ran on the local ECR: live AWS failed with dns-failure');
    await h.waitFor('✔ succeeded');
    expect([liveCalls, localCalls]).toEqual([['whoami'], ['whoami']]);
    expect(after).not.toContain('Press L');
    // The card shows the commands that ran: the local ECR's, with its endpoint.
    expect(after).toContain('--endpoint-url http://127.0.0.1:5999');
    await h.waitFor('last step on local ECR');
    await waitForFrame(() => h.snapshots.at(-1)?.lastStep?.target ?? '', (t) => t === 'fallback');
  });

  it('a failure of the lesson itself offers no fallback, and L does nothing', async () => {
    const denied = outcome('failed', { error: { code: 'AccessDeniedException', message: 'not authorized', explanation: { id: 'access-denied', cause: 'c', fix: 'f' } } });
    const localCalls: string[] = [];
    const h = await renderPresenter({ target: live, runner: fakeRunner(denied), localRunner: fakeRunner(outcome('succeeded'), localCalls) }, 100, 30);
    h.press('g3\r');
    h.press(TAB);
    h.press(ENTER);
    const failed = await h.waitFor('AccessDeniedException: not authorized');
    expect(failed).not.toContain('Press L');
    h.press('L');
    // The help overlay comes up after L was handled: by then a fallback would have started.
    h.press('?');
    await h.waitFor('On a slide');
    h.press('?');
    const after = await h.waitFor('AccessDeniedException: not authorized');
    expect(after).not.toContain('ran on the local ECR');
    expect(localCalls).toEqual([]);
  });

  it('the status bar says when live AWS is unreachable and why', async () => {
    const h = await renderPresenter({ target: { ...live, problem: 'dns-failure' } }, 200, 60);
    expect(h.frame()).toContain('live AWS unreachable (dns-failure)');
  });
});

describe('sizes', () => {
  it('below 60x20 says the window is too small instead of cutting', async () => {
    const h = await renderPresenter({}, 59, 20);
    expect(h.frame()).toContain('window too small for the slides: 59x20');
  });

  it.each([[80, 24], [200, 60]])('at %ix%i every row fits and the status bar is whole', async (columns, rows) => {
    const h = await renderPresenter({ deck: longDeck(60) as Deck }, columns, rows);
    h.press(END);
    const frame = await h.waitFor(at(60, 60));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows);
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(columns);
    expect(lines.at(-1)).toContain('? help');
    expect(frame).toContain('Body of slide 60.');
  });
});
