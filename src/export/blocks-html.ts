// The blocks of a lesson page or slide as HTML: prose through marked, diagrams verbatim in <pre>,
// quizzes with the answer folded away, step cards as the exact equivalent commands.
import { equivalentCommands } from '../core/commands.js';
import type { Block, QuizBlock, StepBlock } from '../core/lesson.js';
import { stepDefinition, type TargetContext } from '../core/steps.js';
import { commandLines } from '../markdown/command-lines.js';
import { escapeHtml } from './escape.js';
import { inlineHtml, proseHtml } from './prose-html.js';

/** Commands as shell lines that fit a printed page, continued with ` \\` so they paste as shown. */
export function shellLines(commands: readonly string[]): string {
  return commands.flatMap((c) => commandLines(c, COMMAND_COLUMNS)).join('\n');
}

// About what an A4 page holds in the print stylesheet's monospace size.
const COMMAND_COLUMNS = 88;

function quizHtml(quiz: QuizBlock): string {
  const choices = quiz.choices.map((c) => `<li>${inlineHtml(c)}</li>`).join('');
  const answer = quiz.choices[quiz.answer] ?? '';
  return [
    '<div class="quiz">',
    `<p class="label">Question</p><p class="question">${inlineHtml(quiz.question)}</p>`,
    `<ol class="choices">${choices}</ol>`,
    // The hint a wrong try shows in the course, folded on its own so it can be read before the answer.
    quiz.hint ? `<details class="hint"><summary>Hint</summary>${proseHtml(quiz.hint)}</details>` : '',
    `<details><summary>Answer</summary><p><strong>${quiz.answer + 1}. ${inlineHtml(answer)}</strong></p>${proseHtml(quiz.explain)}</details>`,
    '</div>',
  ].filter((l) => l !== '').join('\n');
}

function stepHtml(step: StepBlock, context: TargetContext): string {
  const def = stepDefinition(step.stepId);
  const commands = shellLines(equivalentCommands(step.stepId, step.params, context));
  return [
    '<div class="step">',
    `<p class="label">Live step: ${escapeHtml(def?.title ?? step.stepId)} <code>${escapeHtml(step.stepId)}</code></p>`,
    def?.summary ? `<p>${escapeHtml(def.summary)}</p>` : '',
    `<pre class="commands"><code>${escapeHtml(commands)}</code></pre>`,
    '</div>',
  ].filter(Boolean).join('\n');
}

/** One block as HTML; step commands are shown for `context` (placeholders: defaultContext()). */
export function blockHtml(block: Block, context: TargetContext): string {
  switch (block.kind) {
    case 'markdown': return proseHtml(block.text);
    case 'diagram': return `<figure class="diagram">${block.title ? `<figcaption>${escapeHtml(block.title)}</figcaption>` : ''}<pre>${escapeHtml(block.text.replace(/\n+$/, ''))}</pre></figure>`;
    case 'quiz': return quizHtml(block);
    case 'step': return stepHtml(block, context);
  }
}
