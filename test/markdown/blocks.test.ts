import { describe, expect, it } from 'vitest';
import type { DiagramBlock, QuizBlock, StepBlock } from '../../src/core/lesson.js';
import { defaultContext } from '../../src/core/steps.js';
import { type QuizView, diagramLines, quizLines, stepCardLines } from '../../src/markdown/blocks.js';
import { commandLines } from '../../src/markdown/command-lines.js';
import { layoutPage } from '../../src/markdown/page.js';
import { lineText, linesToText } from '../../src/markdown/styled.js';
import { visibleLength } from '../../src/markdown/wrap.js';

const DIAGRAM: DiagramBlock = {
  kind: 'diagram', title: 'The login flow', line: 1,
  text: ' IAM keys --> aws CLI --(signed GetAuthorizationToken)--> ECR\n      |                                     |\n      +------ password ------> docker login',
};
const QUIZ: QuizBlock = {
  kind: 'quiz', id: 'q1', question: 'Which command prints the registry password?', line: 1,
  choices: ['aws ecr get-login', 'aws ecr get-login-password'], answer: 1, explain: 'get-login was removed in v2.',
};
const STEP: StepBlock = { kind: 'step', stepId: 'create-repository', params: { repository: 'team/app' }, line: 1 };

describe('diagramLines', () => {
  it.each([80, 76, 66])('keeps the diagram verbatim at width %i', (width) => {
    const inner = diagramLines(DIAGRAM, width).slice(1, -1).map((l) => l.text.trimEnd());
    expect(inner).toEqual(DIAGRAM.text.split('\n'));
  });

  it('shows the title in the top edge and is no wider than needed', () => {
    const lines = diagramLines(DIAGRAM, 100).map(lineText);
    expect(lines[0]).toContain(' The login flow ');
    expect(visibleLength(lines[0] ?? '')).toBe(Math.max(...DIAGRAM.text.split('\n').map((l) => l.length)) + 4);
  });

  it('folds lines wider than the box onto ↪ rows when it cannot scroll (plain renderings): nothing is lost', () => {
    const lines = diagramLines(DIAGRAM, 40).map(lineText);
    expect(lines.every((l) => visibleLength(l) <= 40)).toBe(true);
    expect(lines.some((l) => l.includes('↪'))).toBe(true);
    const text = lines.slice(1, -1).map((l) => l.slice(2, -2)).join('\n').replace(/\n↪ /g, '');
    expect(text.split('\n').map((l) => l.trimEnd())).toEqual(DIAGRAM.text.split('\n'));
  });

  it('scrolls lines wider than the box sideways, saying which columns show', () => {
    const at = (offset: number) => diagramLines(DIAGRAM, 40, { offset }).map(lineText);
    const first = at(0);
    expect(first).toHaveLength(DIAGRAM.text.split('\n').length + 2);
    expect(first.every((l) => visibleLength(l) === 40)).toBe(true);
    expect(first[0]).toContain('< > sideways');
    expect(first.at(-1)).toContain('> ▸ columns 1-36 of 61');
    const end = at(99);
    expect(end.at(-1)).toContain('◂ < >   columns 26-61 of 61');
    expect(end[1]).toContain('AuthorizationToken)--> ECR');
    expect(first[1]).not.toContain('--> ECR');
  });

  it('fits as before when it is narrow enough, whatever the offset', () => {
    expect(diagramLines(DIAGRAM, 80, { offset: 5 })).toEqual(diagramLines(DIAGRAM, 80));
  });
});

describe('quizLines', () => {
  const NONE = { selected: 0, tries: [], isRevealed: false, isFocused: false } as const;
  it.each([
    ['unanswered', [], false, [], ['Right', 'Not quite', 'get-login was removed']],
    ['answered right', [1], false, ['✔ Right. get-login was removed in v2.', '✔ 2.'], ['Not quite', 'try 2']],
    // A wrong try hides the answer and the explanation (it would give the answer away).
    ['answered wrong', [0], false, ['✘ Not quite. Think it over.', 'Try again, or a shows the answer. Your first answer is', 'the one scored.', '✘ 1. aws ecr get-login', '     2. aws'],
      ['✔', 'the answer is', 'get-login was removed']],
    ['wrong, then the answer asked for', [0], true, ['The answer is 2. get-login was removed in v2.', '✘ 1.', '✔ 2.', 'Choose 2 to finish'], ['Not quite', 'Right']],
    ['right at the second try', [0, 1], false, ['✔ Right (at try 2; your first answer is the one scored).', 'get-login was removed', '✘ 1.', '✔ 2.'], ['Not quite']],
  ] as const)('%s', (_name, tries, isRevealed, shown, hidden) => {
    const text = linesToText(quizLines(QUIZ, 60, { ...NONE, tries, isRevealed }));
    expect(text).toContain('Which command prints the registry password?');
    for (const s of shown) expect(text).toContain(s);
    for (const h of hidden) expect(text).not.toContain(h);
  });

  it('a wrong try shows the question\'s hint, never its explanation', () => {
    const text = linesToText(quizLines({ ...QUIZ, hint: 'Which one prints only a password?' }, 60, { ...NONE, tries: [0] }));
    expect(text).toContain('✘ Not quite. Which one prints only a password?');
    expect(text).not.toContain('get-login was removed');
  });

  it('says nothing of a score where none is kept (a presenter\'s slide)', () => {
    const retry = linesToText(quizLines(QUIZ, 60, { ...NONE, tries: [0], isScored: false }));
    const right = linesToText(quizLines(QUIZ, 60, { ...NONE, tries: [0, 1], isScored: false }));
    expect(retry).toContain('Try again, or a shows the answer.');
    expect(`${retry}${right}`).not.toMatch(/scored/);
    expect(right).toContain('✔ Right (at try 2).');
  });

  it('points at the selected choice only when focused', () => {
    expect(linesToText(quizLines(QUIZ, 60, { ...NONE, selected: 1, isFocused: true }))).toContain('❯   2. aws ecr get-login-password');
    expect(linesToText(quizLines(QUIZ, 60, { ...NONE, selected: 1 }))).not.toContain('❯');
  });

  it('names as many number keys as the question has choices', () => {
    expect(linesToText(quizLines(QUIZ, 60, { ...NONE, isFocused: true }))).toContain('Enter answers · 1-2 pick');
    const four = { ...QUIZ, choices: ['a', 'b', 'c', 'd'] };
    expect(linesToText(quizLines(four, 60, { ...NONE, isFocused: true }))).toContain('Enter answers · 1-4 pick');
  });

  it.each([
    ['unanswered', [], false],
    ['answered wrong', [0], false],
    ['answered right', [0, 1], false],
    ['focused on the answer', [0], true],
  ] as const)('a wrapped choice keeps its hanging indent, under the text (%s)', (_name, tries, isFocused) => {
    const long: QuizBlock = { ...QUIZ, choices: ['aws ecr get-login, which prints a whole docker login command with the password in it', 'b'] };
    // `answered` is how a view named the recorded answer before tries: this test ran on both.
    const view = { ...NONE, tries, isFocused, answered: tries[0] } as QuizView;
    const rows = quizLines(long, 44, view).map((l) => l.text);
    const first = rows.findIndex((r) => r.includes('1. aws ecr'));
    const textColumn = (rows[first] ?? '').indexOf('aws ecr');
    const continuation = rows.slice(first + 1, rows.findIndex((r) => r.includes('2. b')));
    expect(continuation.length).toBeGreaterThan(0);
    for (const r of continuation) expect(r.search(/\S/)).toBe(textColumn);
  });
});

describe('step cards', () => {
  it('shows the title and the exact command with the learner values, pasteable when wrapped', () => {
    const text = linesToText(stepCardLines(STEP, defaultContext(), 60, false, []));
    expect(text).toContain('Step: Create a repository');
    const commands = stepCardLines(STEP, defaultContext(), 60, false, [])
      .filter((l) => l.tone === 'command').map((l) => l.text.trimEnd());
    const joined = commands.map((l) => l.replace(/ \\$/, '')).join(' ').replace(/\s+/g, ' ');
    expect(joined).toBe('$ aws ecr create-repository --repository-name team/app --image-tag-mutability MUTABLE '
      + '--image-scanning-configuration scanOnPush=false --encryption-configuration encryptionType=AES256 '
      + '--tags Key=created-by,Value=ecr-lab --region us-east-1');
  });

  const LONG = "aws ecr put-lifecycle-policy --repository-name 'a b' --lifecycle-policy-text file://policy.json";

  it.each([20, 40, 56, 76])('commandLines stays within %i columns', (width) => {
    expect(commandLines(LONG, width).every((l) => l.length <= width)).toBe(true);
  });

  it.each([40, 56, 76])('commandLines at %i columns breaks between words with a shell continuation', (width) => {
    const lines = commandLines(LONG, width);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(lines.map((l) => l.replace(/ \\$/, '').trim()).join(' ')).toBe(`$ ${LONG}`);
  });

  it('a comment (the credential-helper card\'s config edit) wraps as comment lines, never with a continuation', () => {
    const comment = '# in docker config.json: "credHelpers": {"127.0.0.1:45433": "ecr-lab"}';
    const lines = commandLines(comment, 40);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 40 && !l.endsWith('\\'))).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('  # '))).toBe(true);
    expect(lines.map((l) => l.replace(/^(\$ |  )# /, '')).join(' ')).toBe(comment.slice(2));
  });
});

describe('layoutPage', () => {
  it('puts one blank line between blocks and records where each starts', () => {
    const page = { title: 'T', line: 1, blocks: [{ kind: 'markdown' as const, text: 'Hello.' }, DIAGRAM] };
    const layout = layoutPage(page, 80, {
      color: false, context: defaultContext(), quiz: () => ({ selected: 0, tries: [], isRevealed: false }), stepStatus: () => [],
    });
    expect(layout.blockTops).toEqual([0, 2]);
    expect(layout.lines[1]?.text).toBe('');
  });
});
