import { describe, expect, it } from 'vitest';
import type { DiagramBlock, QuizBlock, StepBlock } from '../../src/core/lesson.js';
import { defaultContext } from '../../src/core/steps.js';
import { diagramLines, quizLines, stepCardLines } from '../../src/markdown/blocks.js';
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

  it('cuts, never re-wraps, lines wider than the box', () => {
    const lines = diagramLines(DIAGRAM, 40).map(lineText);
    expect(lines).toHaveLength(DIAGRAM.text.split('\n').length + 2);
    expect(lines.every((l) => visibleLength(l) <= 40)).toBe(true);
  });
});

describe('quizLines', () => {
  it.each([
    ['unanswered', undefined, [], ['Right', 'Not quite']],
    ['answered right', 1, ['✔ Right. get-login was removed in v2.'], ['Not quite']],
    ['answered wrong', 0, ['✘ Not quite: the answer is 2.', '✘ 1. aws ecr get-login', '✔ 2.'], ['Right.']],
  ])('%s', (_name, answered, shown, hidden) => {
    const text = linesToText(quizLines(QUIZ, 60, { selected: 0, answered, isFocused: false }));
    expect(text).toContain('Which command prints the registry password?');
    for (const s of shown) expect(text).toContain(s);
    for (const h of hidden) expect(text).not.toContain(h);
  });

  it('points at the selected choice only when focused', () => {
    expect(linesToText(quizLines(QUIZ, 60, { selected: 1, isFocused: true }))).toContain('❯   2. aws ecr get-login-password');
    expect(linesToText(quizLines(QUIZ, 60, { selected: 1, isFocused: false }))).not.toContain('❯');
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
});

describe('layoutPage', () => {
  it('puts one blank line between blocks and records where each starts', () => {
    const page = { title: 'T', line: 1, blocks: [{ kind: 'markdown' as const, text: 'Hello.' }, DIAGRAM] };
    const layout = layoutPage(page, 80, {
      color: false, context: defaultContext(), quiz: () => ({ selected: 0 }), stepStatus: () => [],
    });
    expect(layout.blockTops).toEqual([0, 2]);
    expect(layout.lines[1]?.text).toBe('');
  });
});
