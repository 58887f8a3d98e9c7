import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slidePlan } from '../../src/core/deck.js';
import { parseDeck } from '../../src/core/deck-parser.js';
import { formatDuration, parseDuration } from '../../src/core/deck-notes.js';
import { formatContentError, type Lesson } from '../../src/core/lesson.js';
import { parseLesson } from '../../src/core/lesson-parser.js';
import { loadCourse } from '../../src/cli/content.js';

const FENCE = '```';

const LESSON = parseLesson([
  '---', 'id: flow', 'title: Flow', 'minutes: 5', 'objectives:', '  - Trace the token', '  - Log in', '---',
  '## The token', '', 'Prose about the token.', '',
  `${FENCE}diagram Token path`, 'cli --> ecr', FENCE,
  '---',
  '## Logging in', '',
  `${FENCE}step login`, FENCE,
  `${FENCE}quiz`, 'question: Who sees the secret?', 'choices: [docker, the CLI]', 'answer: 2', 'explain: Only the CLI.', FENCE,
  `${FENCE}quiz`, 'question: How long is a token good?', 'choices: [1h, 12h]', 'answer: 2', 'explain: 12 hours.', FENCE,
].join('\n'), 'flow.md').value!;
const LESSONS: Lesson[] = [LESSON];

const HEAD = ['---', 'id: talk', 'title: The talk', 'minutes: 10', '---'];
// The body starts on line 6.
const deck = (...body: string[]) => [...HEAD, ...body].join('\n');
const parse = (text: string) => parseDeck(text, 'talk.md', LESSONS);

describe('parseDeck', () => {
  it('reads the frontmatter, slides, titles and notes', () => {
    const r = parse(deck(
      '# One', '', 'Hello.', '', `${FENCE}notes 2m`, 'Say hello.', '', '---', 'not a slide break inside notes', FENCE,
      '---',
      '## Two', 'Text', `${FENCE}bash`, 'echo ---', FENCE,
    ));
    expect(r.errors).toEqual([]);
    const d = r.value!;
    expect(d).toMatchObject({ id: 'talk', title: 'The talk', minutes: 10, file: 'talk.md' });
    expect(d.description).toBeUndefined();
    expect(d.slides.map((s) => [s.title, s.line, s.plannedSeconds])).toEqual([['One', 6, 120], ['Two', 17, undefined]]);
    expect(d.slides[0]!.notes).toBe('Say hello.\n\n---\nnot a slide break inside notes');
    // The title heading is shown apart, so it is not in the prose as well.
    expect(d.slides[0]!.blocks).toEqual([{ kind: 'markdown', text: 'Hello.' }]);
    expect(d.slides[1]!.blocks[0]).toMatchObject({ kind: 'markdown', text: expect.stringContaining('echo ---') });
    expect(d.slides[1]!.notes).toBe('');
  });

  it.each([
    ['page', 'page: flow#2', 'Logging in', ['step', 'quiz', 'quiz']],
    ['diagram', 'diagram: flow#1', 'S', ['diagram']],
    ['quiz', 'quiz: flow#2', 'S', ['quiz']],
    ['step', 'step: flow#1', 'S', ['step']],
    ['objectives', 'objectives: flow', 'S', ['markdown']],
  ])('includes a %s by reference', (kind, ref, title, kinds) => {
    const own = title === 'S' ? ['# S'] : [];
    const r = parse(deck(...own, `${FENCE}include`, ref, FENCE));
    expect(r.errors).toEqual([]);
    const slide = r.value!.slides[0]!;
    expect(slide.title).toBe(title);
    expect(slide.blocks.map((b) => b.kind)).toEqual(kinds);
    expect(slide.sources).toEqual([{ ref, kind, lessonId: 'flow', line: own.length + 6 }]);
  });

  it('takes the included blocks themselves, and quiz ids stay stable', () => {
    const r = parse(deck(
      '# Q', `${FENCE}include`, 'quiz: flow#1', 'objectives: flow', FENCE,
      `${FENCE}quiz`, 'question: Own?', 'choices: [a, b]', 'answer: 1', 'explain: E.', FENCE,
      '---', '# R', `${FENCE}quiz`, 'question: Again?', 'choices: [a, b]', 'answer: 2', 'explain: E.', FENCE,
    ));
    expect(r.errors).toEqual([]);
    const [q, r2] = r.value!.slides;
    expect(q!.blocks[0]).toBe(LESSON.pages[1]!.blocks[2]);
    expect(q!.blocks.map((b) => (b.kind === 'quiz' ? b.id : b.kind))).toEqual(['flow#1', 'markdown', 'talk#1']);
    expect(q!.blocks[1]).toEqual({ kind: 'markdown', text: '- Trace the token\n- Log in' });
    expect(r2!.blocks[0]).toMatchObject({ kind: 'quiz', id: 'talk#2' });
  });

  it('takes a slide that is its title alone (a section divider), with notes', () => {
    const r = parse(deck('# Part two', `${FENCE}notes 1m`, 'Pause here.', FENCE, '---', '# B', 'y'));
    expect(r.errors).toEqual([]);
    expect(r.value!.slides[0]).toMatchObject({ title: 'Part two', blocks: [], notes: 'Pause here.', plannedSeconds: 60 });
  });

  it('reports a broken include once, not also as an empty slide', () => {
    const r = parse(deck('# A', `${FENCE}include`, 'page: flow#7', FENCE, '---', `${FENCE}include`, 'page: nope#1', FENCE));
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([[8, "lesson 'flow' has 2 pages, no page #7"], [12, "include names unknown lesson 'nope'"]]);
  });

  it('drops the heading of a page that gives the slide its title, and keeps it under an own title', () => {
    const alone = parse(deck(`${FENCE}include`, 'page: flow#1', FENCE)).value!.slides[0]!;
    expect(alone.title).toBe('The token');
    expect(alone.blocks[0]).toEqual({ kind: 'markdown', text: 'Prose about the token.' });
    const titled = parse(deck('# Mine', `${FENCE}include`, 'page: flow#1', FENCE)).value!.slides[0]!;
    expect(titled.title).toBe('Mine');
    expect(titled.blocks[0]).toMatchObject({ text: expect.stringMatching(/^## The token/) });
  });

  const cases: [string, string, number, RegExp, RegExp?][] = [
    ['unknown key', deck('# A', 'x').replace('minutes: 10', 'minutes: 10\ntheme: dark'), 5, /unknown frontmatter key 'theme'/, /use only id, title, minutes, description/],
    ['minutes too short', deck('# A', 'x').replace('minutes: 10', 'minutes: 4'), 4, /minutes .* from 5 to 240/],
    ['minutes too long', deck('# A', 'x').replace('minutes: 10', 'minutes: 241'), 4, /minutes .* from 5 to 240/],
    ['bad id', deck('# A', 'x').replace('id: talk', 'id: My Talk'), 2, /id is missing or not lowercase/],
    ['missing title', deck('# A', 'x').replace('title: The talk\n', ''), 1, /title is missing/],
    ['two-line description', deck('# A', 'x').replace('minutes: 10', 'minutes: 10\ndescription: |\n  a\n  b'), 5, /description must be one line/],
    ['empty slide', deck('# A', 'x', '---', '', '---', '# B', 'y'), 9, /^empty slide$/, /remove the extra "---"/],
    ['trailing separator', deck('# A', 'x', '---', ''), 9, /^empty slide$/],
    ['title slide beside an empty one', deck('# Part two', '---', '', '---', '# B', 'y'), 8, /^empty slide$/],
    ['slide without a title', deck('# A', 'x', '---', 'Just text.'), 9, /slide without a title/, /# Title/],
    ['notes only', deck('# A', 'x', '---', `${FENCE}notes`, 'n', FENCE), 9, /notes but nothing to show/],
    ['two notes blocks', deck('# A', `${FENCE}notes`, 'a', FENCE, `${FENCE}notes`, 'b', FENCE), 10, /second notes block .*line 7/, /merge/],
    ['bad time', deck('# A', 'x', `${FENCE}notes 3 minutes`, 'n', FENCE), 8, /bad time '3 minutes'/, /notes 3m/],
    ['zero time', deck('# A', 'x', `${FENCE}notes 0s`, 'n', FENCE), 8, /bad time '0s'/],
    ['times over the deck', deck('# A', 'x', `${FENCE}notes 6m`, FENCE, '---', '# B', 'y', `${FENCE}notes 4m30s`, FENCE), 4, /plan 10m 30s over 2 slides, more than the deck's 10 minutes/, /shorten/],
    ['no time left', deck('# A', 'x', `${FENCE}notes 10m`, FENCE, '---', '# B', 'x'), 4, /leaving nothing for the 1 slides without a time/],
    ['unknown lesson', deck('# A', `${FENCE}include`, 'page: flaw#1', FENCE), 8, /unknown lesson 'flaw'/, /use one of: flow/],
    ['page out of range', deck('# A', `${FENCE}include`, 'page: flow#3', FENCE), 8, /lesson 'flow' has 2 pages, no page #3/, /#1 The token; #2 Logging in/],
    ['diagram out of range', deck('# A', `${FENCE}include`, 'diagram: flow#2', FENCE), 8, /has 1 diagram, no diagram #2/, /#1 Token path/],
    ['quiz out of range', deck('# A', `${FENCE}include`, 'quiz: flow#3', FENCE), 8, /has 2 quizzes, no quiz #3/, /#2 How long is a token good\?/],
    ['step out of range', deck('# A', `${FENCE}include`, 'step: flow#0', FENCE), 8, /has 1 step, no step #0/, /#1 login/],
    ['second line broken', deck('# A', `${FENCE}include`, 'diagram: flow#1', '', 'step: flow#9', FENCE), 10, /no step #9/],
    ['missing number', deck('# A', `${FENCE}include`, 'quiz: flow', FENCE), 8, /'quiz: flow' needs a number/, /quiz: flow#1" up to #2/],
    ['number on objectives', deck('# A', `${FENCE}include`, 'objectives: flow#1', FENCE), 8, /objectives' takes a lesson id without a number/],
    ['unknown kind', deck('# A', `${FENCE}include`, 'video: flow#1', FENCE), 8, /include line 'video: flow#1' is not a reference/, /page, diagram, quiz, step, objectives/],
    ['not a reference', deck('# A', `${FENCE}include`, 'lessons/05.md', FENCE), 8, /is not a reference/],
    ['empty include', deck('# A', `${FENCE}include`, FENCE), 7, /empty include block/],
    ['same quiz twice', deck('# A', `${FENCE}include`, 'quiz: flow#1', FENCE, '---', '# B', `${FENCE}include`, 'page: flow#2', FENCE), 12, /question 'flow#1' is already on slide 1/],
    ['lesson blocks still checked', deck('# A', `${FENCE}step logn`, FENCE), 7, /unknown step id 'logn'/],
    ['unclosed fence', deck('# A', `${FENCE}notes`, 'n'), 7, /not closed/],
    ['no slides', deck(''), 6, /^empty slide$|no slides/],
  ];

  it.each(cases)('%s: reported at its line with a fix', (_name, text, line, message, fix) => {
    const r = parse(text);
    expect(r.value).toBeUndefined();
    expect(r.errors.length).toBeGreaterThan(0);
    const e = r.errors[0]!;
    expect({ file: e.file, line: e.line }).toEqual({ file: 'talk.md', line });
    expect(e.message).toMatch(message);
    if (fix) expect(e.fix).toMatch(fix);
    expect(formatContentError(e)).toMatch(/^talk\.md:\d+: .+\. Fix: .+/);
  });

  it.each([['3m', 180], ['90s', 90], ['1m30s', 90], ['0m', 0], ['3', undefined], ['m', undefined], ['', undefined], ['2h', undefined]])(
    'reads the time %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds),
  );

  it.each([[45, '45s'], [180, '3m'], [150, '2m 30s']])('writes %i seconds as %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('slidePlan', () => {
  it('shrinks the slides\' own times in proportion when the talk is given shorter', () => {
    const slides = [120, 60, 120].map((seconds, i) => ({ title: `S${i}`, blocks: [], notes: '', sources: [], line: i, plannedSeconds: seconds }));
    const d = { id: 'd', title: 'D', minutes: 3, slides, file: 'd.md' };
    expect(slidePlan(d)).toEqual([72, 36, 72]);
    expect(slidePlan({ ...d, minutes: 5 })).toEqual([120, 60, 120]);
  });

  it('gives untimed slides an equal share of what the timed ones leave', () => {
    const d = parse(deck('# A', 'w', `${FENCE}notes 4m`, FENCE, '---', '# B', 'x', '---', '# C', 'y', '---', '# D', 'z', `${FENCE}notes 60s`, FENCE)).value!;
    expect(slidePlan(d)).toEqual([240, 150, 150, 60]);
    expect(slidePlan(d).reduce((a, b) => a + b, 0)).toBe(600);
  });

  // Rounded one by one, `present seminar --minutes 1` planned 55 s: the shares' rounding is spread.
  it('adds up to the deck\'s minutes exactly when the shares are not whole seconds', () => {
    const slides = (times: Array<number | undefined>) =>
      times.map((seconds, i) => ({ title: `S${i}`, blocks: [], notes: '', sources: [], line: i, plannedSeconds: seconds }));
    expect(slidePlan({ id: 'd', title: 'D', minutes: 1, slides: slides(Array(7).fill(undefined)), file: 'd.md' }))
      .toEqual([9, 9, 9, 9, 8, 8, 8]);
    const shrunk = slidePlan({ id: 'd', title: 'D', minutes: 1, slides: slides([60, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 120]), file: 'd.md' });
    expect(shrunk.reduce((a, b) => a + b, 0)).toBe(60);
    expect(shrunk).toEqual([3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 7]);
  });
});

describe('the fixture deck against the real course', () => {
  it('parses with every include resolved', async () => {
    const course = await loadCourse(undefined, true);
    const file = join(import.meta.dirname, '../fixtures/decks/tiny.md');
    const r = parseDeck(await readFile(file, 'utf8'), 'tiny.md', course.lessons);
    expect(r.errors.map(formatContentError)).toEqual([]);
    const d = r.value!;
    expect(d.slides.map((s) => s.title)).toEqual(['What ECR is', 'What you will see', 'A tag is a pointer', 'Log in, live', 'A question']);
    expect(d.slides[1]!.blocks[0]).toMatchObject({ kind: 'markdown', text: expect.stringMatching(/^- Trace how IAM credentials/) });
    expect(d.slides[3]!.blocks).toEqual([expect.objectContaining({ kind: 'step', stepId: 'login' })]);
    expect(d.slides[4]!.blocks[0]).toMatchObject({ kind: 'quiz', id: 'what-is-ecr#1' });
    expect(d.slides[2]!.sources).toEqual([{ ref: 'page: build-and-tag#2', kind: 'page', lessonId: 'build-and-tag', line: 30 }]);
    expect(slidePlan(d)).toEqual([120, 90, 130, 130, 130]);
    // Each slide's line is its first written one, past the blank line after the `---`.
    expect(d.slides.map((s) => s.line)).toEqual([8, 18, 30, 36, 48]);
  });
});
