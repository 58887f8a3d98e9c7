// The step journal: records outcomes, keeps the newest, masks secrets, keeps a corrupt file aside,
// and a runner with a journal records every outcome without failing on a write error.
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../src/state/journal.js';
import type { StepOutcome } from '../../src/workflow/types.js';
import { REGISTRY_TOKEN, SECRET_FRAGMENTS, SECRET_KEY, SESSION_TOKEN } from '../export/secrets.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ecr-lab-journal-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const outcome = (stepId: string, rest: Partial<StepOutcome> = {}): StepOutcome =>
  ({ stepId, status: 'succeeded', commands: [`aws ecr ${stepId}`], output: ['printed'], durationMs: 12, verified: [], ...rest });

describe('Journal', () => {
  it('records outcomes in order, with the error explained, and another instance reads them', async () => {
    const journal = Journal.in(dir);
    await journal.record(outcome('create-repository', { verified: [{ label: 'repositoryUri', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo' }] }), 'local', { at: new Date('2026-01-01T00:00:00Z') });
    await journal.record(outcome('push', {
      status: 'failed',
      error: { code: 'RepositoryNotFoundException', message: 'The repository does not exist', explanation: { id: 'repository-not-found', cause: 'No such repository.', fix: 'Create it first.' } },
    }), 'live');
    const entries = await Journal.in(dir).entries();
    expect(entries.map((e) => `${e.stepId}/${e.target}/${e.status}`)).toEqual(['create-repository/local/succeeded', 'push/live/failed']);
    expect(entries[0]).toMatchObject({ at: '2026-01-01T00:00:00.000Z', commands: ['aws ecr create-repository'], durationMs: 12 });
    expect(entries[0]?.verified[0]?.label).toBe('repositoryUri');
    expect(entries[1]?.error).toEqual({ code: 'RepositoryNotFoundException', message: 'The repository does not exist', explanationId: 'repository-not-found', cause: 'No such repository.', fix: 'Create it first.' });
    expect(entries[0]).not.toHaveProperty('output');
  });

  it('keeps the parameters a step ran with, so the report can tell one repository from another', async () => {
    const journal = Journal.in(dir);
    await journal.record(outcome('pull-image'), 'local', { params: { repository: 'nothere', tag: 'v1', by: 'tag' } });
    await journal.record(outcome('whoami'), 'local');
    const entries = await Journal.in(dir).entries();
    expect(entries[0]?.params).toEqual({ repository: 'nothere', tag: 'v1', by: 'tag' });
    expect(entries[1]).not.toHaveProperty('params');
  });

  it('keeps only the newest entries, also under concurrent records', async () => {
    const journal = new Journal(join(dir, 'journal.jsonl'), 5);
    await Promise.all(Array.from({ length: 12 }, (_, i) => journal.record(outcome(`s${i}`), 'local')));
    expect((await journal.entries()).map((e) => e.stepId)).toEqual(['s7', 's8', 's9', 's10', 's11']);
    // The file is cut back to the newest 5 once it holds a tenth more: never more than 6 lines.
    const lines = (await readFile(journal.file, 'utf8')).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines.map((l) => JSON.parse(l).stepId).slice(-5)).toEqual(['s7', 's8', 's9', 's10', 's11']);
  });

  it('appends a line a step: the lines recorded before are not rewritten', async () => {
    const journal = new Journal(join(dir, 'journal.jsonl'), 500);
    await journal.record(outcome('whoami'), 'local');
    const first = await readFile(journal.file, 'utf8');
    const { ino } = await stat(journal.file);
    await journal.record(outcome('push'), 'local');
    const text = await readFile(journal.file, 'utf8');
    expect(text.startsWith(first)).toBe(true);
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l).stepId)).toEqual(['whoami', 'push']);
    expect((await stat(journal.file)).ino).toBe(ino);
  });

  it('reads the journal.json of earlier versions, and replaces it with journal.jsonl at the next record', async () => {
    const old = { at: '2026-01-01T00:00:00.000Z', stepId: 'create-repository', target: 'local', status: 'succeeded', commands: [], verified: [], durationMs: 3 };
    await writeFile(join(dir, 'journal.json'), JSON.stringify({ version: 1, entries: [old] }, null, 2));
    const journal = Journal.in(dir);
    expect((await journal.entries()).map((e) => e.stepId)).toEqual(['create-repository']);
    expect(await readdir(dir)).toEqual(['journal.json']);
    await journal.record(outcome('push'), 'local');
    expect(await readdir(dir)).toEqual(['journal.jsonl']);
    expect((await new Journal(join(dir, 'journal.jsonl')).entries()).map((e) => e.stepId)).toEqual(['create-repository', 'push']);
  });

  it('masks tokens, secret keys and session tokens before they reach the file', async () => {
    const journal = Journal.in(dir);
    await journal.record(outcome('login', {
      status: 'failed',
      commands: [`docker login -u AWS -p ${REGISTRY_TOKEN} host`],
      verified: [{ label: 'key', value: `aws_secret_access_key=${SECRET_KEY}` }],
      error: { code: 'X', message: `X-Amz-Security-Token: ${SESSION_TOKEN} rejected; Authorization: Basic ${REGISTRY_TOKEN}` },
    }), 'live');
    const text = await readFile(journal.file, 'utf8');
    for (const fragment of SECRET_FRAGMENTS) expect(text).not.toContain(fragment);
    expect(text).toContain('****(masked)');
  });

  it('moves a corrupt journal.json of earlier versions aside, says so, and goes on recording', async () => {
    await writeFile(join(dir, 'journal.json'), '{"version": 1, "entries": [');
    const journal = Journal.in(dir);
    await journal.record(outcome('whoami'), 'local');
    const [warning] = journal.takeWarnings();
    expect(warning).toMatch(/journal\.json was unreadable .*kept it as .*journal\.json\.corrupt-/);
    expect((await readdir(dir)).filter((n) => n.startsWith('journal.json.corrupt-'))).toHaveLength(1);
    expect((await journal.entries()).map((e) => e.stepId)).toEqual(['whoami']);
  });

  it('leaves out a line cut short (a crash mid-append) when reading, and keeps the file aside before the next record', async () => {
    const journal = new Journal(join(dir, 'journal.jsonl'));
    await journal.record(outcome('whoami'), 'local');
    await appendFile(journal.file, '{"at":"2026-01-0');
    const later = new Journal(journal.file);
    expect((await later.entries()).map((e) => e.stepId)).toEqual(['whoami']);
    expect(later.takeWarnings()).toEqual([expect.stringMatching(/journal\.jsonl has a line that does not read \(line 2 is not JSON\); it is left out$/)]);
    expect(await readdir(dir)).toEqual(['journal.jsonl']);
    await later.record(outcome('push'), 'local');
    expect(later.takeWarnings()).toEqual([expect.stringMatching(/journal\.jsonl had a line that did not read .*kept it as .*journal\.jsonl\.corrupt-.* and went on with the 1 entries that read$/)]);
    const aside = (await readdir(dir)).find((n) => n.startsWith('journal.jsonl.corrupt-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toContain('{"at":"2026-01-0');
    expect((await later.entries()).map((e) => e.stepId)).toEqual(['whoami', 'push']);
  });

  it('never throws when the file cannot be written, and reports why', async () => {
    // A directory where the file should be fails for every user, root included.
    await mkdir(join(dir, 'journal.jsonl'));
    const journal = Journal.in(dir);
    await expect(journal.record(outcome('whoami'), 'local')).resolves.toBeUndefined();
    expect(journal.takeWarnings()).toEqual([expect.stringMatching(/^warning: could not write the step journal .*journal\.jsonl \(cannot read .*journal\.jsonl: it is a directory, where a file belongs\); the step itself is unaffected$/)]);
  });
});

describe('a runner with a journal', () => {
  const context = { kind: 'live' as const, region: 'us-east-1', account: '123456789012', registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com' };
  const runner = async (journal: Journal) => {
    const { createRunner } = await import('../../src/workflow/runner.js');
    const { Ledger } = await import('../../src/state/ledger.js');
    // An unknown step fails before any port is used, so the ports can be empty.
    return createRunner({ context, ecr: {} as never, identity: {} as never, engine: {} as never, ledger: Ledger.in(dir), journal, askBeforeChanges: false });
  };

  it('records each outcome on its target', async () => {
    const journal = Journal.in(dir);
    const out = await (await runner(journal)).run('no-such-step', {});
    expect(out.error?.code).toBe('UnknownStep');
    expect((await journal.entries()).map((e) => `${e.stepId}/${e.target}/${e.error?.code}`)).toEqual(['no-such-step/live/UnknownStep']);
  });

  it('records the parameters the step ran with, defaults filled in', async () => {
    const journal = Journal.in(dir);
    // The empty engine fails the pull; the parameters are recorded all the same.
    await (await runner(journal)).run('pull-image', { repository: 'nothere' });
    expect((await journal.entries())[0]).toMatchObject({ stepId: 'pull-image', status: 'failed', params: { repository: 'nothere', tag: 'v1', by: 'tag' } });
  });

  it('returns the outcome with a warning when the journal cannot be written', async () => {
    await mkdir(join(dir, 'journal.jsonl'));
    const out = await (await runner(Journal.in(dir))).run('no-such-step', {});
    expect(out.status).toBe('failed');
    expect(out.warnings).toEqual([expect.stringMatching(/^warning: could not write the step journal/)]);
  });
});

describe('two targets in one process', () => {
  it('share one journal per file, so concurrent records all land', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-journal-two-'));
    const a = Journal.in(dir);
    const b = Journal.in(dir);
    const outcome = { stepId: 'whoami', status: 'succeeded' as const, commands: [], output: [], durationMs: 1, verified: [] };
    await Promise.all([a.record(outcome, 'live'), b.record(outcome, 'local'), a.record(outcome, 'live'), b.record(outcome, 'local')]);
    expect(await a.entries()).toHaveLength(4);
  });
});
