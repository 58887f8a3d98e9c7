// `ecr-lab read <lesson>`: the whole lesson as plain, linear text (also what a pipe gets).
import type { Block, Lesson } from '../../core/lesson.js';
import type { TargetContext } from '../../core/steps.js';
import { stepDefinition } from '../../core/steps.js';
import { equivalentCommands } from '../../core/commands.js';
import { renderMarkdown } from '../../markdown/render.js';

function indent(text: string, prefix = '    '): string {
  return text.split('\n').map((l) => (l ? prefix + l : l)).join('\n');
}

function blockText(block: Block, width: number, color: boolean, ctx: TargetContext): string {
  switch (block.kind) {
    case 'markdown':
      return renderMarkdown(block.text, width, { color });
    case 'diagram':
      return [block.title ? `[diagram: ${block.title}]` : '[diagram]', block.text].join('\n');
    case 'step': {
      const def = stepDefinition(block.stepId)!;
      return [`[live step: ${def.title}] ${def.summary}`,
        indent(equivalentCommands(block.stepId, block.params, ctx).join('\n')),
        `    (run it in the app, or: ecr-lab run ${block.stepId})`].join('\n');
    }
    case 'quiz':
      return [`[question] ${block.question}`,
        ...block.choices.map((c, i) => `  ${i + 1}. ${c}`),
        `  Answer: ${block.answer + 1}. ${block.explain}`].join('\n');
  }
}

/** The lesson as text at `width` columns. */
export function lessonText(lesson: Lesson, width: number, color: boolean, ctx: TargetContext): string {
  const out = [`${lesson.title} (${lesson.minutes} min)`, '',
    'You will be able to:', ...lesson.objectives.map((o) => `  - ${o}`)];
  lesson.pages.forEach((page, i) => {
    out.push('', `── Page ${i + 1}/${lesson.pages.length} ${'─'.repeat(Math.max(0, width - 16))}`.slice(0, width), '');
    for (const block of page.blocks) out.push(blockText(block, width, color, ctx), '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
