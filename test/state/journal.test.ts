// The step journal: records outcomes, keeps the newest, masks secrets, keeps a corrupt file aside,
// and a runner with a journal records every outcome without failing on a write error.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    await journal.record(outcome('create-repository', { verified: [{ label: 'repositoryUri', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo' }] }), 'local', new Date('2026-01-01T00:00:00Z'));
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

  it('keeps only the newest entries, also under concurrent records', async () => {
    const journal = new Journal(join(dir, 'journal.json'), 5);
    await Promise.all(Array.from({ length: 12 }, (_, i) => journal.record(outcome(`s${i}`), 'local')));
    expect((await journal.entries()).map((e) => e.stepId)).toEqual(['s7', 's8', 's9', 's10', 's11']);
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

  it('moves a corrupt file aside, says so, and goes on recording', async () => {
    await writeFile(join(dir, 'journal.json'), '{"version": 1, "entries": [');
    const journal = Journal.in(dir);
    await journal.record(outcome('whoami'), 'local');
    const [warning] = journal.takeWarnings();
    expect(warning).toMatch(/journal\.json was unreadable .*kept it as .*journal\.json\.corrupt-/);
    expect((await readdir(dir)).filter((n) => n.startsWith('journal.json.corrupt-'))).toHaveLength(1);
    expect((await journal.entries()).map((e) => e.stepId)).toEqual(['whoami']);
  });

  it('never throws when the file cannot be written, and reports why', async () => {
    // A directory where the file should be fails for every user, root included.
    await mkdir(join(dir, 'journal.json'));
    const journal = Journal.in(dir);
    await expect(journal.record(outcome('whoami'), 'local')).resolves.toBeUndefined();
    expect(journal.takeWarnings()).toEqual([expect.stringMatching(/^warning: could not write the step journal .*journal\.json \(cannot read .*journal\.json: it is a directory, where a file belongs\); the step itself is unaffected$/)]);
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

  it('returns the outcome with a warning when the journal cannot be written', async () => {
    await mkdir(join(dir, 'journal.json'));
    const out = await (await runner(Journal.in(dir))).run('no-such-step', {});
    expect(out.status).toBe('failed');
    expect(out.output.at(-1)).toMatch(/^warning: could not write the step journal/);
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
