// The lab report as one self-contained HTML file, in the handouts' shell and stylesheet.
import { stepDefinition } from '../core/steps.js';
import { namesItsCode } from '../core/error-line.js';
import type { JournalEntry } from '../state/journal.js';
import { shellLines } from './blocks-html.js';
import { escapeHtml as e, escapeWithCode } from './escape.js';
import { htmlDocument } from './html.js';
import { reportSummary, stepTitle, drillLast, faultFix } from './report-text.js';
import type { LabReport } from './report.js';

/** A table; the cells of `codeColumns` (digests, long names) are shown as code. */
function table(head: readonly string[], rows: readonly (readonly string[])[], empty: string, codeColumns: readonly number[] = []): string {
  if (rows.length === 0) return `<p class="meta">${e(empty)}</p>`;
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const td = (c: string, i: number): string => `<td>${codeColumns.includes(i) ? `<code>${e(c)}</code>` : e(c)}</td>`;
  const tr = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function list(items: readonly string[], empty: string): string {
  return items.length === 0 ? `<p class="meta">${e(empty)}</p>` : `<ul>${items.map((i) => `<li><code>${e(i)}</code></li>`).join('')}</ul>`;
}

function stepHtml(step: JournalEntry): string {
  const tone = step.status === 'succeeded' ? 'good' : step.status === 'failed' ? 'bad' : 'meta';
  const verified = step.verified.length === 0 ? '' : `<table><tbody>${step.verified.map((v) => `<tr><th>${e(v.label)}</th><td><code>${e(v.value)}</code></td></tr>`).join('')}</tbody></table>`;
  const error = step.error ? `<p class="bad">${namesItsCode(step.error) ? '' : `<strong>${e(step.error.code)}</strong>: `}${e(step.error.message)}</p>` : '';
  return [
    '<div class="step">',
    `<p class="label">${e(step.at)} · ${e(step.target === 'live' ? 'live AWS' : 'local ECR')} · ${e(String(step.durationMs))} ms</p>`,
    `<p><strong>${e(stepTitle(step.stepId))}</strong> <code>${e(step.stepId)}</code>: <span class="${tone}">${e(step.status)}</span></p>`,
    step.commands.length > 0 ? `<pre class="commands"><code>${e(shellLines(step.commands))}</code></pre>` : '',
    verified, error, '</div>',
  ].filter(Boolean).join('\n');
}

function faultsHtml(report: LabReport): string {
  if (report.faults.length === 0) return '<p class="meta">No step failed.</p>';
  return report.faults.map((fault) => {
    const { entry, fixedBy } = fault;
    return [
      `<div class="fault${fixedBy ? ' fixed' : ''}">`,
      `<p class="label">${e(entry.at)} · ${e(stepDefinition(entry.stepId)?.title ?? entry.stepId)} · ${e(entry.target === 'live' ? 'live AWS' : 'local ECR')}</p>`,
      `<p class="bad">${entry.error && namesItsCode(entry.error) ? '' : `<strong>${e(entry.error?.code ?? 'failed')}</strong>: `}${e(entry.error?.message ?? '')}</p>`,
      entry.error?.cause ? `<p><strong>Cause:</strong> ${escapeWithCode(entry.error.cause)}${entry.error.explanationId ? ` <span class="meta">(${e(entry.error.explanationId)})</span>` : ''}</p>` : '',
      entry.error?.fix ? `<p><strong>How to fix it:</strong> ${escapeWithCode(entry.error.fix)}</p>` : '',
      `<p class="${fixedBy ? 'good' : 'meta'}"><strong>${fixedBy ? 'Fixed' : 'Not fixed yet'}:</strong> ${e(faultFix(fault))}</p>`,
      '</div>',
    ].filter(Boolean).join('\n');
  }).join('\n');
}

/** The lab report as one self-contained HTML file. */
export function reportHtml(report: LabReport): string {
  const body = [
    '<header class="doc"><h1>Lab report</h1>',
    `<p>${e(reportSummary(report))}</p>`,
    `<p class="meta">Generated ${e(report.generatedAt)} by ecr-lab. Tokens, passwords and secret keys are masked.</p></header>`,
    '<nav class="toc"><h2>Contents</h2><ol><li><a href="#lessons">Lessons and quizzes</a></li><li><a href="#drills">Drills</a></li><li><a href="#created">What you created</a></li><li><a href="#faults">Faults met and how they were fixed</a></li><li><a href="#steps">Steps run</a></li><li><a href="#ledger">Resource ledger</a></li></ol></nav>',
    '<section class="unit" id="lessons"><h2>Lessons and quizzes</h2>',
    table(['lesson', 'pages seen', 'quiz (right / answered / questions)', 'done'],
      report.lessons.map((l) => [`${l.title} (${l.id})`, `${l.pagesSeen}/${l.pages}`, `${l.quiz.right} / ${l.quiz.answered} / ${l.quiz.total}`, l.isDone ? 'yes' : 'no']), 'No lessons.'),
    '</section><section class="unit" id="drills"><h2>Drills</h2>',
    table(['drill', 'best', 'runs', 'last run'], report.drills.map((d) => [`${d.title} (${d.id})`, `${d.best}/100`, String(d.runs), drillLast(d)]), 'No drill finished yet (ecr-lab drill --list).'),
    '</section><section class="unit" id="created"><h2>What you created</h2><h3>Repositories</h3>',
    list(report.resources.repositories, 'No repository seen in the steps run.'),
    '<h3>Images (tags)</h3>', list(report.resources.images, 'No image tagged or pushed.'),
    '<h3>Digests</h3>', table(['where', 'digest'], report.resources.digests.map((d) => [d.label, d.value]), 'No digest verified.', [1]),
    '</section><section class="unit" id="faults"><h2>Faults met and how they were fixed</h2>', faultsHtml(report),
    '</section><section class="unit" id="steps"><h2>Steps run</h2>',
    report.steps.length === 0 ? '<p class="meta">No step recorded yet.</p>' : report.steps.map(stepHtml).join('\n'),
    '</section><section class="unit" id="ledger"><h2>Resource ledger</h2>',
    table(['repository', 'target', 'account', 'region', 'created'], report.ledger.map((l) => [l.name, l.target, l.account, l.region, l.createdAt]), 'The ledger is empty: nothing created is left to clean up.'),
    '</section>',
  ].join('\n');
  return htmlDocument('Lab report', body);
}
