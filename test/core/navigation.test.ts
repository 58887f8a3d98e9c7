import { describe, expect, it } from 'vitest';
import type { Lesson, Page, QuizBlock, StepBlock } from '../../src/core/lesson.js';
import {
  type NavAction, type NavState, type PanelId, focusedBlock, initialNavState, interactiveBlocks, navigate, nextLessonOffer,
} from '../../src/core/navigation.js';
import { EMPTY_PROGRESS, type Progress, isLessonDone } from '../../src/core/progress.js';
import type { Drill } from '../../src/core/drill.js';
import { FAULTS } from '../../src/core/faults.js';
import { PASTE_LIMIT } from '../../src/core/paste-box.js';

const quiz = (id: string): QuizBlock => ({
  kind: 'quiz', id, question: `${id}?`, choices: ['a', 'b', 'c'], answer: 1, explain: 'because', line: 1,
});
const step: StepBlock = { kind: 'step', stepId: 'whoami', params: {}, line: 1 };
const prose = (text: string) => ({ kind: 'markdown' as const, text });
const page = (title: string, ...blocks: Page['blocks']): Page => ({ title, blocks, line: 1 });

const LESSONS: readonly Lesson[] = [
  {
    id: 'one', title: 'One', minutes: 5, objectives: ['o'], file: 'one.md',
    pages: [page('p1', prose('hello')), page('p2', prose('x'), quiz('q1'), step), page('p3', quiz('q2'))],
  },
  { id: 'two', title: 'Two', minutes: 5, objectives: ['o'], file: 'two.md', pages: [page('a', prose('a')), page('b', prose('b'))] },
];

const layout = (height: number, contentHeight: number, blockTops: number[]): NavAction =>
  ({ type: 'layout', viewport: { height, contentHeight, blockTops } });

const panel = (id: PanelId): NavAction => ({ type: 'panel', panel: id });

/** Runs actions from a state; `keys` are short names for the actions. */
function run(state: NavState, ...actions: (NavAction | NavAction['type'])[]): NavState {
  return actions.reduce<NavState>((s, a) => navigate(s, typeof a === 'string' ? { type: a } as NavAction : a, LESSONS), state);
}

const start = initialNavState(LESSONS, EMPTY_PROGRESS);
const inLesson = run(start, 'activate');
const onPage2 = run(inLesson, 'next', layout(10, 40, [0, 2, 12]));

describe('initialNavState', () => {
  it.each<[string, Progress, string | undefined, Partial<NavState>]>([
    ['starts on the list', EMPTY_PROGRESS, undefined, { screen: 'list', lessonIndex: 0 }],
    ['opens the asked lesson', EMPTY_PROGRESS, 'two', { screen: 'lesson', lessonIndex: 1, page: 0 }],
    ['resumes at progress.last', { ...EMPTY_PROGRESS, last: { lessonId: 'one', page: 2 } }, undefined,
      { screen: 'lesson', lessonIndex: 0, page: 2 }],
    ['asked lesson wins, page 0 when last is elsewhere', { ...EMPTY_PROGRESS, last: { lessonId: 'one', page: 2 } }, 'two',
      { screen: 'lesson', lessonIndex: 1, page: 0 }],
    ['unknown lesson id shows the list', EMPTY_PROGRESS, 'nope', { screen: 'list' }],
    ['a stale page number is clamped', { ...EMPTY_PROGRESS, last: { lessonId: 'two', page: 9 } }, undefined,
      { screen: 'lesson', lessonIndex: 1, page: 1 }],
  ])('%s', (_name, progress, lessonId, expected) => {
    expect(initialNavState(LESSONS, progress, lessonId)).toMatchObject(expected);
  });
});

describe('navigate: keys and their effect', () => {
  it.each<[string, NavState, (NavAction | NavAction['type'])[], Partial<NavState>]>([
    ['down moves in the list', start, ['down'], { lessonIndex: 1 }],
    ['down stops at the last lesson', start, ['down', 'down', 'down'], { lessonIndex: 1 }],
    ['up stops at the first lesson', start, ['up'], { lessonIndex: 0 }],
    ['Enter opens the lesson at page 1', start, ['activate'], { screen: 'lesson', page: 0 }],
    ['right opens the lesson from the list', start, ['down', 'next'], { screen: 'lesson', lessonIndex: 1 }],
    ['next page', inLesson, ['next'], { page: 1, scroll: 0, focus: -1 }],
    ["next on a lesson's last page opens the next lesson", inLesson, ['next', 'next', 'next'], { lessonIndex: 1, page: 0 }],
    ["next stops at the course's last page", inLesson, ['next', 'next', 'next', 'next', 'next', 'next'], { lessonIndex: 1, page: 1 }],
    ['prev stops at the first page', inLesson, ['prev'], { page: 0 }],
    ["prev on a lesson's first page goes back to the last page of the lesson before", inLesson, ['next', 'next', 'next', 'prev'], { lessonIndex: 0, page: 2 }],
    ['back returns to the list, on the same lesson', run(start, 'down', 'activate'), ['back'], { screen: 'list', lessonIndex: 1 }],
    ['back on the list does nothing', start, ['back'], { screen: 'list' }],
    ['? opens help', inLesson, ['help'], { isHelpOpen: true }],
    ['? again closes help', inLesson, ['help', 'help'], { isHelpOpen: false }],
    ['Esc closes help first', inLesson, ['help', 'back'], { isHelpOpen: false, screen: 'lesson' }],
    ['keys other than back do nothing under help', inLesson, ['help', 'next'], { page: 0 }],
    ['q quits from anywhere', inLesson, ['help', 'quit'], { isQuitting: true }],
    ['down scrolls the help, not the page', onPage2, ['help', { type: 'help-layout', maxScroll: 3 }, 'down', 'down'], { helpScroll: 2, scroll: 0 }],
    ['the help scrolls no further than its rows', onPage2, ['help', { type: 'help-layout', maxScroll: 3 }, 'page-down', 'down', 'up'], { helpScroll: 2 }],
    ['the help opens at its top again', onPage2, ['help', { type: 'help-layout', maxScroll: 3 }, 'down', 'help', 'help'], { helpScroll: 0 }],
    ['> scrolls a wide diagram sideways', inLesson, [{ type: 'layout', viewport: { height: 10, contentHeight: 5, blockTops: [0], wideBy: 17 } }, { type: 'sideways', columns: 8 }], { sideways: 8 }],
    ['sideways stops at the widest diagram and at its left edge', inLesson,
      [{ type: 'layout', viewport: { height: 10, contentHeight: 5, blockTops: [0], wideBy: 17 } }, { type: 'sideways', columns: 8 },
        { type: 'sideways', columns: 8 }, { type: 'sideways', columns: 8 }], { sideways: 17 }],
    ['no sideways scroll when every diagram fits', inLesson, [{ type: 'sideways', columns: 8 }], { sideways: 0 }],
    ['a new page starts at the left edge', inLesson,
      [{ type: 'layout', viewport: { height: 10, contentHeight: 5, blockTops: [0], wideBy: 17 } }, { type: 'sideways', columns: 8 }, 'next'], { sideways: 0 }],
    ['a wider window clamps the sideways scroll', inLesson,
      [{ type: 'layout', viewport: { height: 10, contentHeight: 5, blockTops: [0], wideBy: 17 } }, { type: 'sideways', columns: 16 },
        { type: 'layout', viewport: { height: 10, contentHeight: 5, blockTops: [0], wideBy: 4 } }], { sideways: 4 }],
    ['help rows that fit do not scroll', onPage2, ['help', 'down'], { helpScroll: 0 }],
    ['down scrolls', onPage2, ['down', 'down'], { scroll: 2 }],
    ['scroll stops at the end', onPage2, ['page-down', 'page-down', 'page-down', 'page-down'], { scroll: 30 }],
    ['page-down moves a screen less a line', onPage2, ['page-down'], { scroll: 9 }],
    ['up stops at the top', onPage2, ['up'], { scroll: 0 }],
    ['no scrolling when the page fits', run(inLesson, layout(10, 5, [0])), ['down'], { scroll: 0 }],
    ['Tab focuses the first question', onPage2, ['focus-next'], { focus: 0 }],
    ['Tab moves to the step card', onPage2, ['focus-next', 'focus-next'], { focus: 1 }],
    ['Tab after the last block leaves focus', onPage2, ['focus-next', 'focus-next', 'focus-next'], { focus: -1 }],
    ['Shift+Tab goes to the last block', onPage2, ['focus-prev'], { focus: 1 }],
    ['Tab does nothing on a page without blocks', inLesson, ['focus-next'], { focus: -1 }],
    ['focusing a block below the view scrolls to it', onPage2, ['focus-next', 'focus-next'], { scroll: 12 }],
    ['Esc leaves focus before leaving the lesson', onPage2, ['focus-next', 'back'], { focus: -1, screen: 'lesson' }],
    ['Enter with nothing focused focuses the first block', onPage2, ['activate'], { focus: 0 }],
    ['down on a focused question moves the choice, not the page', onPage2, ['focus-next', 'down', 'down', 'down'], { selections: { q1: 2 }, scroll: 1 }],
    ['focusing a block that does not fit scrolls until its end shows', onPage2, ['focus-next'], { scroll: 1 }],
    ['up on a focused question stops at the first choice', onPage2, ['focus-next', 'up'], { selections: { q1: 0 } }],
    ['a focused step card that grows keeps its last line in view', onPage2, ['focus-next', 'focus-next', layout(10, 60, [0, 2, 12])], { scroll: 50 }],
    ['a focused question that grows keeps its top in view', run(onPage2, 'focus-next'), [layout(10, 40, [0, 2, 16])], { scroll: 2 }],
    ['focusing a block above the view scrolls up to it', run(onPage2, 'page-down', 'page-down'), ['focus-next'], { scroll: 2 }],
    ['a shorter page clamps the scroll', run(onPage2, 'page-down'), [layout(10, 12, [0])], { scroll: 2 }],
    ['i opens the who-am-I panel', inLesson, [panel('whoami')], { panel: 'whoami', screen: 'lesson' }],
    ['the same key closes it', inLesson, [panel('registry'), panel('registry')], { panel: undefined }],
    ['another panel key switches panels', start, [panel('registry'), panel('wire')], { panel: 'wire', screen: 'list' }],
    ['Esc closes the panel first', onPage2, [panel('wire'), 'back'], { panel: undefined, screen: 'lesson' }],
    ['keys for the page do nothing under a panel', onPage2, [panel('registry'), 'next', 'down', 'activate'], { page: 1, scroll: 0, focus: -1 }],
    ['panel keys do nothing under help', run(inLesson, panel('wire'), panel('wire')), ['help', panel('wire')], { isHelpOpen: true, panel: undefined }],
    ['help opens over a panel and closes back to it', inLesson, [panel('wire'), 'help', 'back'], { isHelpOpen: false, panel: 'wire' }],
    ['q quits from a panel', inLesson, [panel('whoami'), 'quit'], { isQuitting: true }],
  ])('%s', (_name, from, actions, expected) => {
    expect(run(from, ...actions)).toMatchObject(expected);
  });
});

describe('navigate: progress', () => {
  it('marks every page shown as seen, and where the learner is', () => {
    const state = run(start, 'activate', 'next');
    expect(state.progress.lessons.one?.pagesSeen).toEqual([0, 1]);
    expect(state.progress.last).toEqual({ lessonId: 'one', page: 1 });
  });

  it('records the choice under the cursor on Enter', () => {
    const state = run(onPage2, 'focus-next', 'down', 'activate');
    expect(state.progress.lessons.one?.answers).toEqual({ q1: 1 });
  });

  it('records a choice picked by number, and ignores numbers past the choices', () => {
    expect(run(onPage2, 'focus-next', { type: 'choose', index: 2 }).progress.lessons.one?.answers).toEqual({ q1: 2 });
    expect(run(onPage2, 'focus-next', { type: 'choose', index: 5 }).progress).toBe(run(onPage2, 'focus-next').progress);
  });

  it('shows a recorded answer as the selection when the page is seen again', () => {
    const answered = run(onPage2, 'focus-next', { type: 'choose', index: 2 }, 'prev', 'next', 'focus-next');
    expect(focusedBlock(answered, LESSONS)?.block).toMatchObject({ id: 'q1' });
    expect(run(answered, 'up').selections.q1).toBe(1);
  });

  it('a lesson is done only once every page is seen and every question answered right at some try', () => {
    // Enter on a fresh question answers its first choice, 'a': wrong (the answer is 'b').
    const wrong = run(onPage2, 'focus-next', 'activate', 'next', 'activate', 'activate');
    expect(wrong.progress.lessons.one?.answers).toEqual({ q1: 0, q2: 0 });
    expect(isLessonDone(wrong.progress, LESSONS[0] as Lesson)).toBe(false);
    const q2Right = run(wrong, { type: 'choose', index: 1 });
    expect(isLessonDone(q2Right.progress, LESSONS[0] as Lesson)).toBe(false);
    const bothRight = run(q2Right, 'prev', 'focus-next', { type: 'choose', index: 2 }, { type: 'choose', index: 1 });
    expect(isLessonDone(bothRight.progress, LESSONS[0] as Lesson)).toBe(true);
    // The score keeps the first answers; the tries after them are kept apart.
    expect(bothRight.progress.lessons.one).toMatchObject({ answers: { q1: 0, q2: 0 }, retries: { q1: [2, 1], q2: [1] } });
  });

  it('a wrong try can be followed by another; once right, the question takes no more answers', () => {
    const wrong = run(onPage2, 'focus-next', { type: 'choose', index: 0 });
    const again = run(wrong, { type: 'choose', index: 0 });
    expect(again.progress).toBe(wrong.progress);
    const right = run(wrong, 'down', 'activate');
    expect(right.progress.lessons.one?.retries).toEqual({ q1: [1] });
    expect(run(right, { type: 'choose', index: 2 }).progress).toBe(right.progress);
  });

  it('the answer is shown on request only after a wrong try, and never for a question not focused', () => {
    const focused = run(onPage2, 'focus-next');
    expect(run(focused, 'reveal').progress).toBe(focused.progress);
    const wrong = run(focused, { type: 'choose', index: 0 });
    expect(run(wrong, 'reveal').progress.lessons.one?.revealed).toEqual(['q1']);
    expect(run(wrong, 'back', 'reveal').progress).toBe(wrong.progress);
    const right = run(wrong, { type: 'choose', index: 1 });
    expect(run(right, 'reveal').progress).toBe(right.progress);
  });

  it('the cursor comes back on the last choice tried', () => {
    const tried = run(onPage2, 'focus-next', { type: 'choose', index: 0 }, { type: 'choose', index: 2 }, 'prev', 'next', 'focus-next');
    expect(run(tried, 'up').selections.q1).toBe(1);
  });

  it('Enter on a step card asks for a run, with a new number each time', () => {
    const once = run(onPage2, 'focus-next', 'focus-next', 'activate');
    expect(once.runRequest).toEqual({ lessonId: 'one', page: 1, block: 2, seq: 1 });
    expect(run(once, 'activate').runRequest?.seq).toBe(2);
  });

  it("next on the course's last page, and prev on a first page, keep the page scrollable where it was", () => {
    const last = run(start, 'down', 'activate', 'next', layout(10, 40, [0]), 'down', 'down');
    expect(run(last, 'next')).toBe(last);
    expect(run(last, 'next', 'down')).toMatchObject({ scroll: 3, viewport: { contentHeight: 40 } });
    const first = run(inLesson, layout(10, 40, [0]), 'down');
    expect(run(first, 'prev', 'down')).toMatchObject({ scroll: 2, viewport: { contentHeight: 40 } });
  });

  it("offers the next lesson on a lesson's last page only, and nothing past the course's end", () => {
    expect(nextLessonOffer(inLesson, LESSONS)).toBeUndefined();
    expect(nextLessonOffer(run(inLesson, 'next', 'next'), LESSONS)).toMatchObject({ index: 1, lesson: { id: 'two' } });
    expect(nextLessonOffer(run(start, 'down', 'activate', 'next'), LESSONS)).toBe('end');
  });

  it('a layout report that changes nothing keeps the same state object', () => {
    expect(navigate(onPage2, layout(10, 40, [0, 2, 12]), LESSONS)).toBe(onPage2);
  });

  it('interactiveBlocks lists the questions and steps of a page', () => {
    expect(interactiveBlocks(LESSONS[0]?.pages[1] as Page)).toEqual([1, 2]);
  });
});

// The troubleshooting side: the fault panel, the drills screen and a drill's play. Effects are
// asked for through the outbox; their results come back as actions.
const DRILL: Drill = {
  id: 'token-expired', title: 'After dinner', minutes: 6, lesson: 'one', faults: ['token-expired'],
  setup: ['create-repository', 'login'], try: ['push-image'], commands: [], fixCommands: [],
  diagnosis: { question: 'Why?', choices: ['old token', 'rotated key', 'immutable tag'], answer: 0, explanation: 'Tokens last 12 hours.' },
  hints: ['h1', 'h2', 'h3'], fix: ['login', 'push-image'], story: 'A story.', file: 'token-expired.md',
};
const OTHER: Drill = { ...DRILL, id: 'other', title: 'Other' };
const DRILLS = [OTHER, DRILL];

function play(state: NavState, ...actions: (NavAction | NavAction['type'])[]): NavState {
  return actions.reduce<NavState>((s, a) => navigate(s, typeof a === 'string' ? { type: a } as NavAction : a, LESSONS, DRILLS), state);
}

const kinds = (state: NavState) => state.effects.map((e) => e.effect.kind);
const playId = (state: NavState) => state.play?.id ?? -1;
const onStory = play(start, 'drills', 'down', 'activate');
const inScene = play(onStory, 'activate');
const ready = (s: NavState, at = 1_000): NavAction => ({ type: 'drill-ready', play: playId(s), at });
const checked = (s: NavState, failures: string[], at = 61_000): NavAction => ({ type: 'drill-checked', play: playId(s), failures, at });
const diagnosing = play(inScene, ready(inScene));
const fixing = play(diagnosing, { type: 'choose', index: 0 });
const sized = (height: number, contentHeight: number): NavAction => ({ type: 'drill-layout', height, contentHeight });

describe('navigate: the fault panel', () => {
  it.each<[string, NavState, (NavAction | NavAction['type'])[], Partial<NavState>, string[]]>([
    ['f opens it over the list', start, [panel('faults')], { panel: 'faults', screen: 'list' }, []],
    ['down and up choose, stopping at the first', start, [panel('faults'), 'down', 'down', 'up', 'up', 'up'], { faultCursor: 0 }, []],
    ['down stops at the last fault', start, [panel('faults'), ...FAULTS.map(() => 'down' as const), 'down'], { faultCursor: FAULTS.length - 1 }, []],
    ['Enter asks to switch the fault under the cursor', start, [panel('faults'), 'down', 'down', 'activate'], {}, ['toggle-fault']],
    ['x asks to switch all off', start, [panel('faults'), 'faults-off'], {}, ['faults-off']],
    ['+ and 0 ask to move and reset the clock', start, [panel('faults'), { type: 'clock', ms: 3_600_000 }, 'clock-reset'], {}, ['clock', 'clock-reset']],
    ['the keys of the page do nothing under it', inLesson, [panel('faults'), 'next', 'help', 'help'], { page: 0, screen: 'lesson' }, []],
    ['Esc closes it', inLesson, [panel('faults'), 'back'], { panel: undefined, screen: 'lesson' }, []],
    ['f again closes it', start, [panel('faults'), panel('faults')], { panel: undefined }, []],
    ['clock keys do nothing without it', start, ['faults-off', { type: 'clock', ms: 1 }], {}, []],
  ])('%s', (_name, from, actions, expected, effects) => {
    const state = play(from, ...actions);
    expect(state).toMatchObject(expected);
    expect(kinds(state)).toEqual(effects);
  });

  it('names the fault under the cursor, numbers each effect once, and drops what the UI took', () => {
    const asked = play(start, panel('faults'), 'down', 'down', 'activate', 'activate');
    expect(asked.effects).toEqual([
      { seq: 1, effect: { kind: 'toggle-fault', name: FAULTS[2]?.name } }, { seq: 2, effect: { kind: 'toggle-fault', name: FAULTS[2]?.name } },
    ]);
    expect(play(asked, { type: 'effects-taken', upTo: 1 }).effects.map((e) => e.seq)).toEqual([2]);
  });

  it('keeps the reason of a failed switch, even when it arrives after the panel closed', () => {
    const failed = play(start, panel('faults'), 'back', { type: 'fault-toggled', error: 'create the repository first' });
    expect(failed.faultNotice).toBe('create the repository first');
    expect(play(failed, { type: 'fault-toggled' }).faultNotice).toBeUndefined();
  });
});

describe('navigate: the drills screen and a drill', () => {
  it.each<[string, NavState, (NavAction | NavAction['type'])[], Partial<NavState>]>([
    ['d opens the drills from the list', start, ['drills'], { screen: 'drills', drillsFrom: 'list', drillIndex: 0 }],
    ['Esc goes back to the lesson it was opened from', inLesson, ['drills', 'back'], { screen: 'lesson', lessonIndex: 0 }],
    ['down stops at the last drill', start, ['drills', 'down', 'down', 'down'], { drillIndex: 1 }],
    ['Enter opens the drill at its story', start, ['drills', 'down', 'activate'], { screen: 'drill', play: expect.objectContaining({ stage: 'story', drill: DRILL }) }],
    ['d does nothing inside a drill', onStory, ['drills'], { screen: 'drill' }],
    ['Esc on the story leaves without finishing anything', onStory, ['back'], { screen: 'drills', play: undefined, effects: [] }],
    ['a result for another play changes nothing', inScene, [{ type: 'drill-ready', play: 99, at: 0 }], { play: expect.objectContaining({ stage: 'scene' }) }],
    ['the failure shown starts the session', inScene, [ready(inScene, 5)], { play: expect.objectContaining({ stage: 'session', session: expect.objectContaining({ phase: 'diagnose', startedAt: 5 }) }) }],
    ['a setup that fails says why', inScene, [{ type: 'drill-broken', play: playId(inScene), reason: 'login failed' }], { play: expect.objectContaining({ stage: 'broken', reason: 'login failed' }) }],
    ['down moves the choice', diagnosing, ['down', 'down', 'down'], { play: expect.objectContaining({ choice: 2 }) }],
    ['a wrong answer says so and stays', diagnosing, [{ type: 'choose', index: 1 }], { play: expect.objectContaining({ notice: expect.objectContaining({ tone: 'bad' }), session: expect.objectContaining({ phase: 'diagnose', attempts: [1] }) }) }],
    ['a choice past the end is no answer', diagnosing, [{ type: 'choose', index: 5 }], { play: expect.objectContaining({ session: expect.objectContaining({ attempts: [] }) }) }],
    ['Enter answers with the choice under the cursor', diagnosing, ['activate'], { play: expect.objectContaining({ session: expect.objectContaining({ phase: 'fix' }) }) }],
    ['h takes the next hint', diagnosing, ['hint', 'hint'], { play: expect.objectContaining({ session: expect.objectContaining({ hintsUsed: 2 }) }) }],
    ['down in the fix moves between the fix steps', fixing, ['down', 'down'], { play: expect.objectContaining({ fixCursor: 1 }) }],
    ['a simulated repair says what it switched off, and that it is simulated', fixing,
      [{ type: 'drill-simulated', play: playId(fixing), names: ['wrong-region'], canSimulate: true }],
      { play: expect.objectContaining({ notice: expect.objectContaining({ text: expect.stringMatching(/^Simulated repair on your machine: wrong-region switched off/) }) }) }],
    ['F on a drill fixed in AWS says there is nothing to simulate', fixing,
      [{ type: 'drill-simulated', play: playId(fixing), names: [], canSimulate: false }],
      { play: expect.objectContaining({ notice: expect.objectContaining({ text: expect.stringContaining('nothing on your machine to simulate') }) }) }],
    ['a failed check says what is not fixed', fixing, ['check', checked(fixing, ['the login is not valid'])], { play: expect.objectContaining({ notice: { text: '✘ Not fixed yet: the login is not valid', tone: 'bad' } }) }],
  ])('%s', (_name, from, actions, expected) => {
    expect(play(from, ...actions)).toMatchObject(expected);
  });

  it.each<[string, NavState, (NavAction | NavAction['type'])[], string[]]>([
    ['Enter on the story sets the scene', onStory, ['activate'], ['drill-start']],
    ['Esc during the scene finishes the drill', inScene, ['back'], ['drill-start', 'drill-finish']],
    ['c and F ask nothing before the diagnosis', diagnosing, ['check', 'simulate'], ['drill-start']],
    ['Enter in the fix runs the step under the cursor', fixing, ['down', 'activate'], ['drill-start', 'drill-step']],
    ['c checks, F simulates', fixing, ['check', 'simulate'], ['drill-start', 'drill-check', 'drill-simulate']],
  ])('%s', (_name, from, actions, effects) => {
    expect(kinds(play(from, ...actions))).toEqual(effects);
  });

  it('a passing check scores the drill, records it once and switches its faults off', () => {
    const hinted = play(diagnosing, 'hint', { type: 'choose', index: 0 }, 'check', 'check');
    const done = play(hinted, checked(hinted, []), checked(hinted, []));
    expect(done.play?.score).toMatchObject({ points: 90, diagnosis: 50, fix: 20, time: 30, hintPenalty: 10, seconds: 60 });
    expect(done.progress.drills?.['token-expired']).toEqual({
      best: 90, runs: [{ points: 90, isFirstTry: true, hintsUsed: 1, seconds: 60, at: new Date(61_000).toISOString() }],
    });
    expect(kinds(done).filter((k) => k === 'drill-finish')).toHaveLength(1);
    const left = play(done, 'back');
    expect(left).toMatchObject({ screen: 'drills', play: undefined });
    expect(kinds(left).filter((k) => k === 'drill-finish')).toHaveLength(1);
  });

  it('follows the end as lines arrive, until scrolled up; the story stays at its top', () => {
    expect(play(onStory, sized(10, 30)).play?.scroll).toBe(0);
    const following = play(inScene, sized(10, 30));
    expect(following.play?.scroll).toBe(20);
    const back = play(following, 'page-up', sized(10, 40));
    expect(back.play).toMatchObject({ scroll: 11, isFollowing: false });
    expect(play(back, 'down', ready(back), sized(10, 50)).play).toMatchObject({ scroll: 40, isFollowing: true });
  });
});

// The paste box: `e` opens it, and from then on every action is an edit of its one line.
const typed = (text: string): NavAction => ({ type: 'paste-text', text });
const boxOnList = run(start, 'explain');
const EXPIRED = 'denied: Your authorization token has expired. Reauthenticate and try again.';

describe('navigate: the paste box', () => {
  it.each<[string, NavState, (NavAction | NavAction['type'])[], Partial<NavState>]>([
    ['e opens it empty over the list', start, ['explain'], { paste: { text: '' }, screen: 'list' }],
    ['e opens it over a lesson', inLesson, ['explain'], { paste: { text: '' }, screen: 'lesson' }],
    ['e opens it over the drills screen', play(start, 'drills'), ['explain'], { paste: { text: '' }, screen: 'drills' }],
    ['e does nothing inside a drill', onStory, ['explain'], { paste: undefined }],
    ['e does nothing under help or a panel', inLesson, ['help', 'explain', 'back', panel('wire'), 'explain'], { paste: undefined }],
    ['typed characters append', boxOnList, [typed('d'), typed('e'), typed('n')], { paste: { text: 'den' } }],
    ['a paste arrives whole', boxOnList, [typed(EXPIRED)], { paste: { text: EXPIRED } }],
    ['line breaks in a paste become spaces', boxOnList, [typed('denied: Your authorization\r\ntoken has expired.\n')],
      { paste: { text: 'denied: Your authorization token has expired. ' } }],
    ['colour codes and other controls are dropped', boxOnList, [typed('\u001B[31mdenied\u001B[0m:\u0007 no\ttab')],
      { paste: { text: 'denied: no tab' } }],
    ['leading blanks of the first paste are dropped', boxOnList, [typed('\n  denied')], { paste: { text: 'denied' } }],
    ['Backspace deletes the last character', boxOnList, [typed('déjà'), 'paste-delete'], { paste: { text: 'déj' } }],
    ['Backspace deletes a whole emoji', boxOnList, [typed('a😀'), 'paste-delete'], { paste: { text: 'a' } }],
    ['Backspace on an empty box does nothing, and keeps it open', boxOnList, ['paste-delete'], { paste: { text: '' } }],
    ['Ctrl+U clears', boxOnList, [typed('abc'), 'paste-clear'], { paste: { text: '' } }],
    ['the box stops at the limit', boxOnList, [typed('x'.repeat(PASTE_LIMIT - 1)), typed('yz'), typed('w')],
      { paste: { text: `${'x'.repeat(PASTE_LIMIT - 1)}y` } }],
    ['Enter explains the text, trimmed', boxOnList, [typed(`${EXPIRED}  `), 'activate'], { paste: { text: `${EXPIRED}  `, explained: EXPIRED, scroll: 0 } }],
    ['Enter on an empty box explains nothing', boxOnList, [typed('  '), 'activate'], { paste: { text: '' } }],
    ['an edit after Enter drops the explanation', boxOnList, [typed('abc'), 'activate', 'paste-delete'], { paste: { text: 'ab' } }],
    ['keys of the screen behind do nothing', run(inLesson, 'explain'), ['quit', 'help', 'next', 'drills', panel('faults')],
      { isQuitting: false, isHelpOpen: false, page: 0, screen: 'lesson', panel: undefined, paste: { text: '' } }],
    ['Esc closes it, back on the screen it covered', run(inLesson, 'explain'), [typed('abc'), 'back'], { paste: undefined, screen: 'lesson' }],
  ])('%s', (_name, from, actions, expected) => {
    const state = play(from, ...actions);
    // An absent key matches `undefined` only when it is there to compare.
    expect({ paste: undefined, panel: undefined, ...state }).toMatchObject(expected);
    if (expected.paste) expect(state.paste).toEqual(expected.paste);
  });

  it('scrolls the answer within the rows the UI reported, and back to the top on the next Enter', () => {
    const sized = run(boxOnList, typed('abc'), 'activate', { type: 'paste-layout', size: { rows: 4, contentRows: 10 } });
    expect(run(sized, 'down', 'down').paste?.scroll).toBe(2);
    expect(run(sized, 'page-down', 'page-down', 'page-down').paste?.scroll).toBe(6);
    expect(run(sized, 'down', 'up', 'up').paste?.scroll).toBe(0);
    expect(run(sized, 'page-down', { type: 'paste-layout', size: { rows: 8, contentRows: 10 } }).paste?.scroll).toBe(2);
    expect(run(sized, 'page-down', typed('d'), 'activate').paste).toMatchObject({ scroll: 0, size: { rows: 4 } });
    expect(run(boxOnList, 'down').paste?.scroll).toBe(0);
  });

  it('a layout report still reaches the page behind it', () => {
    expect(run(onPage2, 'explain', layout(10, 60, [0, 2, 12])).viewport.contentHeight).toBe(60);
  });
});
