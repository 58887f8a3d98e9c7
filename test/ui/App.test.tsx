import { afterEach, describe, expect, it, beforeAll } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { type Lesson, quizzesOf } from '../../src/core/lesson.js';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';
import { defaultContext } from '../../src/core/steps.js';
import { bindingsFor } from '../../src/ui/keymap.js';
import { NOT_CONNECTED } from '../../src/ui/step-status.js';
import { fixtureLessons, liveContext, longLesson, wideLesson } from './fixture.js';
import { flatText, renderApp, widestLine } from './harness.js';
import { ARROW_DOWN, ARROW_LEFT, ARROW_RIGHT, BACKSPACE, ENTER, ESC, TAB } from './keys.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { hasProseLines } from '../../src/markdown/page.js';

// The app loads the renderer right after its first frame; these tests start with it loaded.
beforeAll(() => loadMarkdown());

afterEach(() => cleanup());

/** The fixture's first lesson, on its question's page, with the question focused. */
async function atFirstQuestion(): Promise<Awaited<ReturnType<typeof renderApp>>> {
  const app = await renderApp({ initialLessonId: 'first-push' });
  app.press('l');
  await app.waitFor('page 2/3');
  app.press(TAB);
  await app.waitFor('▶ Question');
  return app;
}

describe('App: a lesson from start to done', () => {
  it('opens a lesson, pages, answers a question, and shows the lesson done in the list', async () => {
    const app = await renderApp();
    await app.waitFor('Your first push');
    expect(app.frame()).not.toMatch(/✔ +1\. Your first push/);

    app.press(ENTER);
    await app.waitFor('page 1/3');
    expect(app.frame()).toContain('A registry stores images.');
    expect(app.frame()).toContain('The path of an image');

    app.press(ARROW_RIGHT);
    await app.waitFor('page 2/3');
    app.press(TAB);
    await app.waitFor('▶ Question');
    app.press(ARROW_DOWN);
    await app.waitFor('❯   2. aws ecr get-login-password');
    app.press(ENTER);
    const answered = await app.waitFor('✔ Right.');
    expect(answered).toContain('get-login was removed in AWS CLI v2.');

    app.press(ARROW_RIGHT);
    await app.waitFor('page 3/3');
    app.press(ESC);
    const list = await app.waitFor('Lessons');
    expect(list).toMatch(/✔ +1\. Your first push/);
    expect(list).not.toMatch(/✔ +2\. Lifecycle/);

    const last = app.saved.at(-1);
    const quizId = quizzesOf(fixtureLessons()[0] as Lesson)[0]?.id ?? '';
    expect(last?.lessons['first-push']).toEqual({ pagesSeen: [0, 1, 2], answers: { [quizId]: 1 } });
    app.instance.unmount();
  });

  it('a wrong answer says not quite and keeps the answer hidden; another try, and the lesson is done', async () => {
    const app = await atFirstQuestion();
    app.press('1');
    const frame = await app.waitFor('✘ Not quite.');
    expect(frame).toContain('a shows the answer');
    expect(frame).not.toContain('get-login was removed');
    expect(frame).not.toContain('✔');
    app.press('2');
    const right = await app.waitFor('✔ Right (at try 2');
    expect(right).toContain('removed in AWS CLI v2.');
    app.press('l');
    await app.waitFor('page 3/3');
    app.press(ESC);
    const list = await app.waitFor('Lessons');
    // Done (right at the second try), scored on the first answer: 0 of 1.
    expect(list).toMatch(/✔ +1\. Your first push +0\/1 +\d+ min/);
    expect(list).toContain('quiz: 0/');
    const quizId = quizzesOf(fixtureLessons()[0] as Lesson)[0]?.id ?? '';
    expect(app.saved.at(-1)?.lessons['first-push']).toMatchObject({ answers: { [quizId]: 0 }, retries: { [quizId]: [1] } });
    app.instance.unmount();
  });

  it('a wrong answer only: the answer on request, and the lesson is not done', async () => {
    const app = await atFirstQuestion();
    app.press('1');
    await app.waitFor('✘ Not quite.');
    app.press('a');
    const shown = await app.waitFor('The answer is 2.');
    expect(shown).toContain('get-login was removed');
    expect(shown).toContain('Choose 2 to finish');
    app.press('l');
    await app.waitFor('page 3/3');
    app.press(ESC);
    const list = await app.waitFor('Lessons');
    expect(list).not.toMatch(/✔ +1\. Your first push/);
    expect(list).toMatch(/• +1\. Your first push +0\/1/);
    app.instance.unmount();
  });

  it('takes keys that arrive in one chunk one by one: a held key, Tab and Enter typed at once', async () => {
    const app = await renderApp({ initialLessonId: 'first-push' });
    app.press('ll');
    await app.waitFor('page 3/3');
    app.press('h');
    await app.waitFor('page 2/3');
    app.press(`${TAB}1`);
    await app.waitFor('✘ Not quite.');
    app.instance.unmount();
  });

  it('goes back a page with left and to the list with Backspace', async () => {
    const app = await renderApp({ initialLessonId: 'lifecycle' });
    app.press(ARROW_RIGHT);
    await app.waitFor('page 2/3');
    app.press(ARROW_LEFT);
    await app.waitFor('page 1/3');
    app.press(BACKSPACE);
    await app.waitFor('Lessons');
    expect(app.frame()).toMatch(/❯ • +2\. Lifecycle policies/);
    app.instance.unmount();
  });
});

describe('App: starting and quitting', () => {
  it('resumes at progress.last', async () => {
    const app = await renderApp({ progress: { ...EMPTY_PROGRESS, last: { lessonId: 'lifecycle', page: 2 } } });
    expect(await app.waitFor('page 3/3')).toContain('That is all.');
    app.instance.unmount();
  });

  it('q calls onExit once', async () => {
    const app = await renderApp();
    app.press('q');
    await app.waitFor(() => app.exits() === 1);
    expect(app.exits()).toBe(1);
    app.instance.unmount();
  });

  it('reports no progress until something changes', async () => {
    const app = await renderApp();
    expect(app.saved).toEqual([]);
    app.press(ENTER);
    await app.waitFor('page 1/3');
    await app.waitFor(() => app.saved.length === 1);
    expect(app.saved[0]?.last).toEqual({ lessonId: 'first-push', page: 0 });
    app.instance.unmount();
  });
});

describe('App: help, sizes and the status bar', () => {
  it.each([[80, 24]])('the help overlay lists every key at %ix%i', async (columns, rows) => {
    const app = await renderApp({}, columns, rows);
    app.press('?');
    const frame = await app.waitFor('Keys');
    for (const binding of bindingsFor('main')) expect(frame).toContain(binding.keys);
    expect(frame.split('\n').length).toBeLessThan(rows);
    // A wrapped description goes on under its own first word, not one column further in.
    expect(frame).not.toMatch(/^│ {17}\S/m);
    app.press(ESC);
    await app.waitFor('Lessons');
    app.instance.unmount();
  });

  it.each([[80, 24], [60, 20], [40, 15]])('the help overlay at %ix%i shows every binding whole, scrolling with j', async (columns, rows) => {
    const app = await renderApp({}, columns, rows);
    app.press('?');
    let frame = await app.waitFor('Keys');
    const body = (f: string) => f.split('\n').slice(1, rows - 3);
    const seen = body(frame);
    for (let i = 0; i < 60; i += 1) {
      const at = /↑↓ \d+-(\d+) of (\d+)/.exec(frame);
      if (!at || at[1] === at[2]) break;
      const before = frame;
      app.press('j');
      frame = await app.waitFor((t) => t !== before);
      seen.push(body(frame).at(-1) ?? '');
    }
    const text = flatText(seen.join('\n'));
    for (const b of bindingsFor('main')) expect(text).toContain(`${b.keys} ${b.description}`.replace(/\s+/g, ' '));
    expect(widestLine(frame)).toBeLessThanOrEqual(columns);
    app.instance.unmount();
  });

  it.each([[39, 24, '40 columns'], [30, 10, '40 columns'], [80, 9, '10 rows']])(
    'at %ix%i says the terminal is too small (need %s)', async (columns, rows, need) => {
      const app = await renderApp({}, columns, rows);
      expect(await app.waitFor('terminal too small')).toContain(`terminal too small (need ${need})`);
      app.instance.unmount();
    });

  it('draws at exactly 40 columns', async () => {
    const app = await renderApp({ initialLessonId: 'first-push' }, 40, 20);
    const frame = await app.waitFor('page 1/3');
    expect(widestLine(frame)).toBeLessThanOrEqual(40);
    app.instance.unmount();
  });

  it.each([[80, 24], [60, 20]])('at %ix%i fits the screen and shows title, page, target and help', async (columns, rows) => {
    const app = await renderApp({ initialLessonId: 'first-push', target: { label: 'live AWS eu-west-1', context: liveContext() } },
      columns, rows);
    const frame = await app.waitFor('page 1/3');
    const lines = frame.split('\n');
    expect(widestLine(frame)).toBeLessThanOrEqual(columns);
    expect(lines.length).toBeLessThan(rows);
    expect(lines.at(-1)).toMatch(/Your first push.*page 1\/3 · live AWS eu-west-1 · \? help/);
    app.instance.unmount();
  });

  it.each([[60, 20], [80, 24]])('at %ix%i keeps the lesson title beside a long target label', async (columns, rows) => {
    const app = await renderApp({ initialLessonId: 'first-push', target: { label: 'local ECR 127.0.0.1:32787 · builtin', context: liveContext() } },
      columns, rows);
    const bar = (await app.waitFor('page 1/3')).split('\n').at(-1) ?? '';
    expect(bar).toMatch(/^Your first/);
    expect(bar).toMatch(/page 1\/3 ↓? ?· local ECR 127\.0\.0\.1.* · \? help$/);
    expect([...bar].length).toBeLessThanOrEqual(columns);
    app.instance.unmount();
  });

  // Columns, not code points: CJK and emoji take two columns each, so text measured by code
  // point runs past the frame's edge, where Ink cuts it (with a …) and the frame breaks.
  it.each([[80, 24], [60, 20], [40, 15]])('at %ix%i keeps CJK and emoji whole and inside their frames', async (columns, rows) => {
    const app = await renderApp({ lessons: [wideLesson()], initialLessonId: 'wide' }, columns, rows);
    const frame = await app.waitFor('page 1/1');
    const body = frame.split('\n').slice(0, -1);
    expect(widestLine(frame)).toBeLessThanOrEqual(columns);
    expect(body.filter((l) => l.includes('…'))).toEqual([]);
    expect(flatText(frame).replace(/ /g, '')).toContain('ログインしてから🔑イメージをプッシュし');
    app.press(TAB);
    const quiz = (await app.waitFor('▶ Question')).split('\n').slice(0, -1);
    const inner = quiz.filter((l) => l.startsWith('│ │'));
    expect(inner.length).toBeGreaterThan(1);
    expect(inner.filter((l) => !l.endsWith('│ │'))).toEqual([]);
    app.instance.unmount();
  });

  it('scrolls a long page with up and down at 80x24', async () => {
    const app = await renderApp({ lessons: [longLesson()], initialLessonId: 'long' });
    const first = await app.waitFor('page 1/2 ↓');
    expect(first).toContain('Paragraph 1 of');
    expect(first).not.toContain('Paragraph 20 of');
    for (let i = 0; i < 30; i += 1) app.press(ARROW_DOWN);
    const scrolled = await app.waitFor('Paragraph 20 of');
    expect(scrolled).not.toContain('Paragraph 1 of');
    app.press(' ');
    app.press(' ');
    app.press(' ');
    expect(await app.waitFor('page 1/2 ↑')).toContain('Paragraph 40 of');
    app.instance.unmount();
  });

  it('re-wraps the page when the size changes', async () => {
    const app = await renderApp({ initialLessonId: 'first-push' }, null);
    expect(widestLine(await app.waitFor('page 1/3'))).toBe(100);
    Object.defineProperty(app.instance.stdout, 'columns', { get: () => 50, configurable: true });
    app.instance.stdout.emit('resize');
    const narrow = await app.waitFor((t) => widestLine(t) <= 50 && t.includes('page 1/3'));
    expect(narrow).toContain('A registry stores images. Amazon');
    app.instance.unmount();
  });
});

describe('App: step cards without a runner', () => {
  it('says why, when the local ECR did not start, instead of promising a connection that never comes', async () => {
    const problem = "the local ECR's data in /tmp/s/local-ecr is in use by another ecr-lab (process 4659); close that one first";
    const app = await renderApp({
      progress: { ...EMPTY_PROGRESS, last: { lessonId: 'first-push', page: 2 } },
      target: { label: `local ECR did not start: ${problem}`, context: defaultContext(), problem },
    });
    const text = flatText(await app.waitFor('Step: Who am I?'));
    expect(text).toContain(`This step cannot run: the local ECR did not start: ${problem}. Nothing has been run.`);
    expect(text).not.toContain(NOT_CONNECTED);
    app.instance.unmount();
  });

  it('shows the exact equivalent command and says nothing has run', async () => {
    const app = await renderApp({ progress: { ...EMPTY_PROGRESS, last: { lessonId: 'first-push', page: 2 } } });
    const frame = await app.waitFor('Step: Who am I?');
    expect(frame).toContain('$ aws sts get-caller-identity --region us-east-1');
    expect(flatText(frame)).toContain(NOT_CONNECTED);
    app.press(TAB);
    await app.waitFor('▶ Step: Who am I?');
    app.press(ENTER);
    app.press('?');
    await app.waitFor('Keys');
    app.press('?');
    const after = await app.waitFor('▶ Step: Who am I?');
    expect(flatText(after)).toContain(NOT_CONNECTED);
    expect(after).not.toMatch(/running|succeeded|failed/);
    app.instance.unmount();
  });
});

describe('App: the end of a lesson', () => {
  it('Right on a last page offers and opens the next lesson, and never breaks scrolling', async () => {
    const app = await renderApp({ lessons: [...fixtureLessons(), longLesson()], initialLessonId: 'lifecycle' });
    app.press('ll');
    const last = await app.waitFor('page 3/3');
    expect(flatText(last)).toContain('→ l: next lesson, 3. Long');
    app.press(ARROW_RIGHT);
    await app.waitFor('page 1/2 ↓');
    app.press('l');
    const end = await app.waitFor('page 2/2');
    expect(flatText(end)).toContain('The last page of the course');
    app.press('h');
    await app.waitFor('page 1/2 ↓');
    app.press(' ');
    await app.waitFor('Paragraph 12 of');
    app.press('h'); // a lesson's first page: Left goes back to the lesson before, as Right came
    expect(flatText(await app.waitFor('page 3/3'))).toContain('→ l: next lesson, 3. Long');
    app.instance.unmount();
  });

  it('on the last lesson, Right on its last page keeps the page scrollable (j and Space still scroll)', async () => {
    const long = longLesson();
    const lessons = [{ ...long, pages: [long.pages[1]!, long.pages[0]!] }];
    const app = await renderApp({ lessons, initialLessonId: 'long' });
    app.press('l');
    await app.waitFor('page 2/2 ↓');
    app.press(' ');
    await app.waitFor('Paragraph 10 of');
    app.press('l');
    app.press(' ');
    app.press(' ');
    const scrolled = await app.waitFor('Paragraph 30 of');
    expect(scrolled).toContain('page 2/2');
    app.instance.unmount();
  });
});

describe('App: the lesson list', () => {
  const objectives = [
    'Trace how IAM credentials become a 12-hour registry token that docker uses',
    'Explain why docker never sees the IAM secret key',
    'Log docker in with get-login-password and --password-stdin, and say why get-login is gone',
    'Describe the registry\'s 401 challenge and the authenticated retry',
    'Configure the ECR credential helper so docker fetches tokens itself',
  ];
  const eleven = (): Lesson[] => {
    const base = fixtureLessons()[1] as Lesson;
    return Array.from({ length: 11 }, (_, i) => ({ ...base, id: `l${i}`, title: `Lesson ${i + 1}`, objectives }));
  };

  it('shows all five objectives whole at 80x24, with eleven lessons', async () => {
    const app = await renderApp({ lessons: eleven() }, 80, 24);
    const frame = await app.waitFor('Lesson 1 ');
    const text = flatText(frame);
    for (const o of objectives) expect(text).toContain(o);
    expect(frame.split('\n').length).toBeLessThan(24);
    app.instance.unmount();
  });

  it('says how much it left out when even a short list leaves no room (80x12)', async () => {
    const app = await renderApp({ lessons: eleven() }, 80, 12);
    const frame = await app.waitFor('Lesson 1 ');
    expect(frame).toMatch(/… \d+ more rows \(a taller window shows them\)/);
    expect(frame.split('\n').length).toBeLessThan(12);
    app.instance.unmount();
  });
});

describe('App: diagrams wider than the window', () => {
  const wide = (): Lesson => {
    const base = fixtureLessons()[1] as Lesson;
    const text = [
      'request from docker              answer  ECR checks (ecr:...)',
      'HEAD  /v2/<repo>/blobs/<digest>  404     BatchCheckLayerAvailability',
      'PUT   /v2/<repo>/manifests/v1    201     PutImage',
    ].join('\n');
    return { ...base, id: 'wide', pages: [{ title: 'Push', line: 1, blocks: [{ kind: 'diagram', title: 'docker push', text, line: 1 }] }] };
  };

  it.each([[60, 20], [40, 15]])('at %ix%i scroll sideways with > and < to the key column, and say so', async (columns, rows) => {
    const app = await renderApp({ lessons: [wide()], initialLessonId: 'wide' }, columns, rows);
    let frame = await app.waitFor('page 1/1');
    expect(frame).toContain('< > sideways');
    expect(frame).toMatch(/> ▸ columns 1-\d+ of 68/);
    expect(frame).not.toContain('BatchCheckLayerAvailability');
    for (let i = 0; i < 8; i += 1) {
      const before = frame;
      app.press('>');
      frame = await app.waitFor((t) => t !== before);
      if (/columns \d+-68 of 68/.test(frame)) break;
    }
    expect(frame).toContain('BatchCheckLayerAvailability');
    expect(frame).toContain('◂ <');
    expect(widestLine(frame)).toBeLessThanOrEqual(columns);
    app.press('<');
    await app.waitFor((t) => !t.includes('BatchCheckLayerAvailability'));
    app.instance.unmount();
  });
});

describe('App: the pages a key opens next', () => {
  it('has their prose rendered while the open page is read, and not that of pages further away', async () => {
    const lessons = fixtureLessons();
    const [first, second] = lessons;
    const markdownOf = (lesson: Lesson, page: number) => lesson.pages[page]!.blocks.filter((b) => b.kind === 'markdown');
    const app = await renderApp({ lessons, initialLessonId: first!.id });
    // 80 columns: the frame's border and padding leave 76 for the page.
    const prepared = (lesson: Lesson, page: number) => markdownOf(lesson, page).every((b) => hasProseLines(b, 76, true));
    await app.waitFor(() => prepared(first!, 1));
    expect(markdownOf(first!, 2).length).toBeGreaterThan(0);
    expect(prepared(first!, 2)).toBe(false);
    // On a lesson's last page, the next lesson's first page is what `l` opens.
    app.press('l');
    app.press('l');
    await app.waitFor('page 3/3');
    await app.waitFor(() => prepared(second!, 0));
    app.instance.unmount();
  });
});
