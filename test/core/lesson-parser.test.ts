import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/core/lesson-parser.js';
import { formatContentError } from '../../src/core/lesson.js';

const HEAD = ['---', 'id: demo', 'title: Demo', 'minutes: 5', 'objectives:', '  - Learn', '---'];
const lesson = (...body: string[]) => [...HEAD, ...body].join('\n');
const FENCE = '```';

const GOOD = lesson(
  '## First', '', 'Some prose.', '',
  `${FENCE}step create-repository`, 'repository: team/app', 'scanOnPush: true', FENCE,
  '---',
  '## Second', '',
  `${FENCE}diagram The flow`, '  a --> b', '      c', FENCE,
  `${FENCE}bash`, 'echo ---', FENCE,
  '---',
  '## Quiz',
  `${FENCE}quiz`, 'question: Which?', 'choices:', '  - one', '  - two', 'answer: 2', 'explain: Because.', FENCE,
);

describe('parseLesson', () => {
  it('parses frontmatter, pages and every block kind', () => {
    const r = parseLesson(GOOD, 'demo.md');
    expect(r.errors).toEqual([]);
    const l = r.value!;
    expect(l).toMatchObject({ id: 'demo', title: 'Demo', minutes: 5, objectives: ['Learn'] });
    expect(l.pages.map((p) => p.title)).toEqual(['First', 'Second', 'Quiz']);
    expect(l.pages[0]!.blocks[1]).toEqual({ kind: 'step', stepId: 'create-repository', params: { repository: 'team/app', scanOnPush: true }, line: 12 });
    expect(l.pages[1]!.blocks[1]).toMatchObject({ kind: 'diagram', title: 'The flow', text: '  a --> b\n      c' });
    expect(l.pages[1]!.blocks[2]).toMatchObject({ kind: 'markdown', text: expect.stringContaining('echo ---') });
    expect(l.pages[2]!.blocks[1]).toMatchObject({ kind: 'quiz', id: 'demo#1', answer: 1, choices: ['one', 'two'] });
  });

  it.each([
    ['CRLF', GOOD.replace(/\n/g, '\r\n')],
    ['BOM', `\uFEFF${GOOD}`],
    ['BOM and CRLF', `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`],
  ])('reads %s files the same as LF', (_name, text) => {
    const r = parseLesson(text, 'demo.md');
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual(parseLesson(GOOD, 'demo.md').value);
  });

  const cases: [string, string, number, RegExp][] = [
    ['no frontmatter', '# Title\n', 1, /missing frontmatter/],
    ['unclosed frontmatter', '---\nid: x\n', 1, /not closed/],
    ['bad yaml', '---\nid: [x\n---\nbody', 2, /not valid YAML/],
    ['missing title', lesson().replace('title: Demo\n', '') + '\nbody', 1, /title is missing/],
    ['unknown key', lesson('body').replace('minutes: 5', 'minutes: 5\nauthor: me'), 1, /unknown frontmatter key 'author'/],
    ['minutes not a number', lesson('body').replace('minutes: 5', 'minutes: soon'), 1, /minutes/],
    ['unknown step id', lesson(`${FENCE}step logn`, FENCE), 8, /unknown step id 'logn'/],
    ['unknown step parameter', lesson(`${FENCE}step login`, 'region: eu-west-1', FENCE), 8, /unknown parameter 'region'/],
    ['wrong parameter type', lesson(`${FENCE}step create-repository`, 'scanOnPush: maybe', FENCE), 8, /scanOnPush.*true or false/],
    ['bad enum', lesson(`${FENCE}step create-repository`, 'mutability: SOMETIMES', FENCE), 8, /one of MUTABLE, IMMUTABLE/],
    ['quiz answer out of range', lesson(`${FENCE}quiz`, 'question: Q?', 'choices: [a, b]', 'answer: 3', 'explain: E', FENCE), 8, /answer/],
    ['quiz unknown key', lesson(`${FENCE}quiz`, 'question: Q?', 'choices: [a, b]', 'answer: 1', 'explain: E', 'tip: h', FENCE), 8, /unknown quiz key 'tip'/],
    ['quiz hint not a text', lesson(`${FENCE}quiz`, 'question: Q?', 'choices: [a, b]', 'answer: 1', 'explain: E', 'hint: [h]', FENCE), 8, /quiz hint must be a text/],
    ['quiz without choices', lesson(`${FENCE}quiz`, 'question: Q?', 'answer: 1', 'explain: E', FENCE), 8, /choices/],
    ['broken block yaml', lesson(`${FENCE}quiz`, 'question: [Q', FENCE), 8, /not valid YAML/],
    ['unclosed fence', lesson('text', `${FENCE}bash`, 'echo'), 9, /not closed/],
    ['empty page', lesson('one', '---', '---', 'three'), 10, /empty page/],
  ];
  it.each(cases)('reports %s with its line', (_name, text, line, message) => {
    const r = parseLesson(text, 'lessons/x.md');
    expect(r.value).toBeUndefined();
    expect(r.errors[0]).toMatchObject({ file: 'lessons/x.md', line });
    expect(r.errors[0]!.message).toMatch(message);
    expect(formatContentError(r.errors[0]!)).toMatch(/^lessons\/x\.md:\d+: .+\. Fix: .+/);
  });

  it('takes a quiz hint, for a wrong try', () => {
    const r = parseLesson(lesson(`${FENCE}quiz`, 'question: Q?', 'choices: [a, b]', 'answer: 1', 'explain: E', 'hint: Think of b.', FENCE), 'x.md');
    expect(r.errors).toEqual([]);
    expect(r.value?.pages[0]?.blocks.find((b) => b.kind === 'quiz')).toMatchObject({ hint: 'Think of b.' });
  });

  it('counts lines in CRLF files the same way', () => {
    const text = lesson(`${FENCE}step logn`, FENCE).replace(/\n/g, '\r\n');
    expect(parseLesson(text, 'x.md').errors[0]!.line).toBe(8);
  });
});
