// `ecr-lab read <lesson>`: the whole lesson as linear text, laid out by the same code as the
// TUI's pages (src/markdown/page.ts), with every quiz shown answered.
import type { Lesson } from '../../core/lesson.js';
import type { TargetContext } from '../../core/steps.js';
import { layoutPage, type PageView } from '../../markdown/page.js';
import { line, linesToText } from '../../markdown/styled.js';
import { wrapLine } from '../../markdown/wrap.js';

function view(color: boolean, context: TargetContext): PageView {
  return {
    color, context,
    quiz: (block) => ({ selected: block.answer, tries: [block.answer], isRevealed: false }),
    stepStatus: (block) => [line(`Runs in the app (ecr-lab), or: ecr-lab run ${block.stepId}`, 'dim')],
  };
}

/** The lesson as text at `width` columns. */
export function lessonText(lesson: Lesson, width: number, color: boolean, ctx: TargetContext): string {
  const out = [`${lesson.title} (${lesson.minutes} min)`, '', 'You will be able to:',
    ...lesson.objectives.flatMap((o) => wrapLine(o, width - 4).map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`))];
  lesson.pages.forEach((page, i) => {
    const rule = `── Page ${i + 1}/${lesson.pages.length} `;
    out.push('', rule + '─'.repeat(Math.max(0, width - rule.length)), '');
    out.push(linesToText(layoutPage(page, width, view(color, ctx)).lines));
  });
  return `${out.join('\n').trimEnd()}\n`;
}
