// The lab report from a planted state dir: what it says (lessons, quiz scores, drills, what was
// created, faults and their fixes, the ledger) and that no token or secret key reaches it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.js';
import { outsideReferences } from './fixtures.js';
import { SECRET_FRAGMENTS } from './secrets.js';
import { DIGEST, plantState, URI } from './state.js';

let dir: string;
let saved: string | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-report-'));
  saved = process.env.ECR_LAB_STATE_DIR;
  process.env.ECR_LAB_STATE_DIR = dir;
  await plantState(dir);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.ECR_LAB_STATE_DIR;
  else process.env.ECR_LAB_STATE_DIR = saved;
  await rm(dir, { recursive: true, force: true });
});

async function report(kind: 'html' | 'md', steps = 5): Promise<string> {
  const file = join(dir, `report.${kind}`);
  expect(await exportCommand(undefined, { report: true, [kind]: file })).toBe(0);
  expect(process.stdout.write).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^wrote ${file} \\(\\d+\\.\\d kB, lab report: ${steps} steps, 1 drill\\)\\n$`)));
  return readFile(file, 'utf8');
}

describe('the lab report', () => {
  it('marks what a later cleanup deleted, so it never lists it as still there', async () => {
    const journalFile = join(dir, 'journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8'));
    journal.entries.push({ at: '2026-01-03T09:00:00.000Z', stepId: 'cleanup', target: 'live', status: 'succeeded', commands: [], verified: [], durationMs: 5 });
    await writeFile(journalFile, JSON.stringify(journal));
    await writeFile(join(dir, 'ledger.json'), JSON.stringify({ version: 1, entries: [] }));
    const text = await report('md', 6);
    expect(text).toContain(`${URI} (deleted since, by cleanup)`);
    expect(text).toContain(`${URI}:v1 (deleted since, by cleanup)`);
  });

  it.each(['html', 'md'] as const)('in %s says fixed only when the same step succeeded later on the same repository', async (kind) => {
    const journalFile = join(dir, 'journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8'));
    const pull = (at: string, repository: string, status: string) => ({
      at, stepId: 'pull-image', target: 'local', params: { repository, tag: 'v1', by: 'tag' }, status, commands: [], verified: [], durationMs: 5,
      ...(status === 'failed' ? { error: { code: 'NAME_UNKNOWN', message: `repository ${repository} not found`, fix: 'Create it first.' } } : {}),
    });
    journal.entries.push(pull('2026-01-03T09:00:00.000Z', 'nothere', 'failed'), pull('2026-01-03T09:01:00.000Z', 'ecr-lab/demo', 'succeeded'));
    await writeFile(journalFile, JSON.stringify(journal));
    const text = await report(kind, 7);
    expect(text).toContain('Steps run: 7 (3 failed, 1 of those fixed later).');
    expect(text).toMatch(/How to fix it:(<\/strong>)? Create it first\./);
    expect(text).toMatch(/Not fixed yet:(<\/strong>)? the step has not succeeded since on nothere; it succeeded on ecr-lab\/demo at 2026-01-03T09:01:00\.000Z, which does not fix this one\./);
  });

  it.each(['html', 'md'] as const)('in %s carries no token, password, secret key or session token', async (kind) => {
    const text = await report(kind);
    for (const fragment of SECRET_FRAGMENTS) expect(text).not.toContain(fragment);
    expect(text).toContain('****(masked)');
  });

  it.each(['html', 'md'] as const)('in %s says what was learnt, played, created, met and fixed', async (kind) => {
    const text = await report(kind);
    expect(text).toContain('Lessons done: 0/12. Quiz answers right: 1/');
    expect(text).toMatch(/What Amazon ECR is \(what-is-ecr\)(<\/td><td>| \| )5\/5(<\/td><td>| \| )1 \/ 2 \/ 4/);
    expect(text).toContain('The nightly push that fails after dinner (token-expired)');
    expect(text).toContain('85 points, diagnosed first try, 1 hints, 200 s');
    expect(text).toContain(URI);
    expect(text).toContain(`${URI}:v1`);
    expect(text).toContain(DIGEST);
    expect(text).toContain('ExpiredTokenException');
    expect(text).toContain('The temporary credentials have expired.');
    // The catalogue's advice is said as advice, apart from what proved the fix.
    expect(text).toMatch(/Fixed:(<\/strong>)? the same step succeeded at 2026-01-02T09:05:00\.000Z\./);
    expect(text).not.toMatch(/Fixed:(<\/strong>)? Refresh them/);
    expect(text).toContain('ManifestUnknown');
    expect(text).toContain('the step has not succeeded since.');
    expect(text).toMatch(/ecr-lab\/demo(<\/td><td>| \| )live(<\/td><td>| \| )123456789012/);
  });

  it('as HTML shows the code in a fault\'s fix as code, where markdown keeps the backticks', async () => {
    const html = await report('html');
    expect(html).toContain('<strong>How to fix it:</strong> Refresh them (<code>aws sso login</code>); the old key');
    expect(html).not.toContain('`aws sso login`');
    expect(await report('md')).toContain('Refresh them (`aws sso login`); the old key');
  });

  it('as HTML shows digests as code, the one kind of table cell that may break anywhere', async () => {
    expect(await report('html')).toContain(`<tr><td>push-image: digest (DescribeImages)</td><td><code>${DIGEST}</code></td></tr>`);
  });

  it.each(['html', 'md'] as const)('in %s names a registry\'s error code once when its message names it (denied: …)', async (kind) => {
    const journalFile = join(dir, 'journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8'));
    journal.entries.push({ at: '2026-01-03T09:00:00.000Z', stepId: 'push-image', target: 'local', status: 'failed', commands: [], verified: [], durationMs: 5,
      error: { code: 'DENIED', message: 'denied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:InitiateLayerUpload' } });
    await writeFile(journalFile, JSON.stringify(journal));
    const text = await report(kind, 6);
    expect(text).toContain('denied: User: arn:aws:iam::123456789012:user/learner is not authorized');
    expect(text).not.toMatch(/DENIED(\*\*|<\/strong>): denied/);
    expect(text).toMatch(/ManifestUnknown(\*\*|<\/strong>): manifest unknown/);
  });

  it('as HTML is self-contained', async () => {
    const html = await report('html');
    expect(html).toMatch(/<style>[^<]*@media print/);
    expect(outsideReferences(html)).toEqual([]);
  });

  it('says so when nothing was recorded yet', async () => {
    await rm(join(dir, 'journal.json'));
    await rm(join(dir, 'ledger.json'));
    const md = await report('md', 0);
    expect(md).toContain('_No step recorded yet._');
    expect(md).toContain('_The ledger is empty: nothing created is left to clean up._');
  });
});
