// A handout as markdown: the same sections as the HTML, for a wiki or a repository. Verbatim
// text (diagrams, commands) goes in fences longer than any backtick run inside it.
import { equivalentCommands } from '../core/commands.js';
import type { Block } from '../core/lesson.js';
import { defaultContext, stepDefinition, type TargetContext } from '../core/steps.js';
import { fenceFor } from './escape.js';
import type { Handout, HandoutSection } from './handout.js';

function fenced(text: string, info = ''): string {
  const fence = fenceFor(text);
  return `${fence}${info}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

const quoted = (text: string): string => text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');

function blockMarkdown(block: Block, context: TargetContext): string {
  switch (block.kind) {
    case 'markdown': return block.text.trim();
    case 'diagram': return `${block.title ? `**${block.title}**\n\n` : ''}${fenced(block.text, 'text')}`;
    case 'quiz': {
      const choices = block.choices.map((c, i) => `${i + 1}. ${c}`).join('\n');
      const hint = block.hint ? `**Hint:** ${block.hint}\n\n` : '';
      const answer = `${hint}**Answer:** ${block.answer + 1}. ${block.choices[block.answer] ?? ''}\n\n${block.explain}`;
      return `**Question:** ${block.question}\n\n${choices}\n\n${quoted(answer)}`;
    }
    case 'step': {
      const def = stepDefinition(block.stepId);
      const commands = equivalentCommands(block.stepId, block.params, context).join('\n');
      return `**Live step: ${def?.title ?? block.stepId}** (\`${block.stepId}\`)${def?.summary ? `\n\n${def.summary}` : ''}\n\n${fenced(commands, 'sh')}`;
    }
  }
}

function sectionMarkdown(section: HandoutSection, context: TargetContext): string {
  const out = [`## ${section.title}`, `_${section.meta}_`];
  if (section.objectives.length > 0) out.push(`**Objectives**\n\n${section.objectives.map((o) => `- ${o}`).join('\n')}`);
  for (const part of section.parts) {
    if (part.title) out.push(`### ${part.title}`);
    out.push(...part.blocks.map((b) => blockMarkdown(b, context)));
    if (part.sources && part.sources.length > 0) out.push(`_From the course: ${part.sources.map((s) => `\`${s}\``).join(', ')}_`);
    if (part.notes) out.push(quoted(`**Speaker notes**\n\n${part.notes}`));
  }
  return out.join('\n\n');
}

/** A handout as one markdown document. */
export function handoutMarkdown(handout: Handout, context: TargetContext = defaultContext()): string {
  const toc = handout.sections.map((s, i) => `${i + 1}. ${s.title}`).join('\n');
  const head = [
    `# ${handout.title}`,
    handout.description ?? '',
    `_Commands are shown for account ${context.account} in ${context.region}; put in your own account and region._`,
    `**Contents**\n\n${toc}`,
  ].filter(Boolean);
  return `${[...head, ...handout.sections.map((s) => `---\n\n${sectionMarkdown(s, context)}`)].join('\n\n')}\n`;
}
