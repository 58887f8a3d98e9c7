// The lab report as markdown: the same sections and sentences as the HTML report.
import { namesItsCode } from '../core/error-line.js';
import type { JournalEntry } from '../state/journal.js';
import { fenceFor } from './escape.js';
import { drillLast, faultFix, reportSummary, stepTitle } from './report-text.js';
import type { LabReport } from './report.js';

// Table cells: a pipe or a line break would end the cell.
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `_${empty}_`;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

const list = (items: readonly string[], empty: string): string => (items.length === 0 ? `_${empty}_` : items.map((i) => `- \`${i}\``).join('\n'));

function stepMarkdown(step: JournalEntry): string {
  const where = step.target === 'live' ? 'live AWS' : 'local ECR';
  const out = [`### ${stepTitle(step.stepId)} (\`${step.stepId}\`): ${step.status}`, `_${step.at} · ${where} · ${step.durationMs} ms_`];
  if (step.commands.length > 0) {
    const text = step.commands.join('\n');
    out.push(`${fenceFor(text)}sh\n${text}\n${fenceFor(text)}`);
  }
  if (step.verified.length > 0) out.push(step.verified.map((v) => `- ${v.label}: \`${v.value}\``).join('\n'));
  if (step.error) out.push(namesItsCode(step.error) ? step.error.message : `**${step.error.code}**: ${step.error.message}`);
  return out.join('\n\n');
}

function faultsMarkdown(report: LabReport): string {
  if (report.faults.length === 0) return '_No step failed._';
  return report.faults.map((fault) => {
    const { entry, fixedBy } = fault;
    return [
      `- **${stepTitle(entry.stepId)}** at ${entry.at} (${entry.target === 'live' ? 'live AWS' : 'local ECR'}): ${entry.error && namesItsCode(entry.error) ? entry.error.message : `**${entry.error?.code ?? 'failed'}**: ${entry.error?.message ?? ''}`}`,
      entry.error?.cause ? `  - Cause: ${entry.error.cause}${entry.error.explanationId ? ` (${entry.error.explanationId})` : ''}` : '',
      entry.error?.fix ? `  - How to fix it: ${entry.error.fix}` : '',
      `  - ${fixedBy ? 'Fixed' : 'Not fixed yet'}: ${faultFix(fault)}`,
    ].filter(Boolean).join('\n');
  }).join('\n');
}

/** The lab report as one markdown document. */
export function reportMarkdown(report: LabReport): string {
  return `${[
    '# Lab report', reportSummary(report),
    `_Generated ${report.generatedAt} by ecr-lab. Tokens, passwords and secret keys are masked._`,
    '## Lessons and quizzes',
    table(['lesson', 'pages seen', 'quiz (right / answered / questions)', 'done'],
      report.lessons.map((l) => [`${l.title} (${l.id})`, `${l.pagesSeen}/${l.pages}`, `${l.quiz.right} / ${l.quiz.answered} / ${l.quiz.total}`, l.isDone ? 'yes' : 'no']), 'No lessons.'),
    '## Drills',
    table(['drill', 'best', 'runs', 'last run'], report.drills.map((d) => [`${d.title} (${d.id})`, `${d.best}/100`, String(d.runs), drillLast(d)]), 'No drill finished yet (ecr-lab drill --list).'),
    '## What you created', '### Repositories', list(report.resources.repositories, 'No repository seen in the steps run.'),
    '### Images (tags)', list(report.resources.images, 'No image tagged or pushed.'),
    '### Digests', table(['where', 'digest'], report.resources.digests.map((d) => [d.label, d.value]), 'No digest verified.'),
    '## Faults met and how they were fixed', faultsMarkdown(report),
    '## Steps run', report.steps.length === 0 ? '_No step recorded yet._' : report.steps.map(stepMarkdown).join('\n\n'),
    '## Resource ledger',
    table(['repository', 'target', 'account', 'region', 'created'], report.ledger.map((l) => [l.name, l.target, l.account, l.region, l.createdAt]), 'The ledger is empty: nothing created is left to clean up.'),
  ].join('\n\n')}\n`;
}
