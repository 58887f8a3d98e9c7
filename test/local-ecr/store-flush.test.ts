// Which writes are flushed: the local ECR's store (catalog, blobs, faults, IAM) is written
// atomically without fsync, since it is a sandbox and an atomic rename survives a kill of the
// process; progress, drill scores and the ledger (saveJson) are fsynced, file and directory.
import { mkdtemp, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FaultState } from '../../src/local-ecr/faults/state.js';
import { openStore } from '../../src/local-ecr/store/index.js';
import { writeFileAtomic, writeFileDurably } from '../../src/local-ecr/store/persister.js';
import { saveJson } from '../../src/state/json-file.js';
import { pushImage, repoRecord } from './store-helpers.js';
import { LocalImageStore } from '../../src/workflow/engines/builtin/local-store.js';
import { Journal } from '../../src/state/journal.js';
import { Ledger } from '../../src/state/ledger.js';

let dir: string;
let syncs: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-flush-'));
  const handle = await open(dir, 'r');
  const proto = Object.getPrototypeOf(handle) as FileHandle;
  await handle.close();
  syncs = [];
  const count = (name: 'sync' | 'datasync') => {
    const original = proto[name];
    vi.spyOn(proto, name).mockImplementation(function (this: FileHandle) { syncs.push(name); return original.call(this); });
  };
  count('sync');
  count('datasync');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('writes of the local ECR store', () => {
  it('writeFileAtomic writes the whole text by rename and flushes nothing, leaving no temp file', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new text');
    expect(await readFile(file, 'utf8')).toBe('new text');
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(syncs).toEqual([]);
  });

  it('a push, a catalog commit and a fault switch flush nothing', async () => {
    const store = await openStore(dir);
    await store.putRepository(repoRecord('team/app'));
    await pushImage(store, 'team/app', 'v1', 'one');
    await store.flush();
    const { state: faults } = await FaultState.open(dir);
    await faults.add({ name: 'token-expired', since: 1, repository: 'team/app', tag: 'v1' });
    expect(JSON.parse(await readFile(join(dir, 'faults.json'), 'utf8')).active[0].name).toBe('token-expired');
    expect(store.resolveTag('team/app', 'v1')).toMatch(/^sha256:/);
    expect(syncs).toEqual([]);
  });
});

describe('writes of the built-in engine\'s image store', () => {
  it('a blob and a tag flush nothing, and the index reads back', async () => {
    const images = new LocalImageStore(join(dir, 'engine'));
    const digest = await images.putBlob(Buffer.from('layer'));
    await images.update((index) => ({ ...index, refs: { ...index.refs, 'demo:v1': digest } }));
    expect((await images.index()).refs['demo:v1']).toBe(digest);
    expect(syncs).toEqual([]);
  });
});

describe('the step journal (a record for the lab report)', () => {
  it('is appended to and flushes nothing', async () => {
    const journal = new Journal(join(dir, 'journal.jsonl'));
    await journal.record({ stepId: 'whoami', status: 'succeeded', commands: ['aws sts get-caller-identity'], verified: [], durationMs: 5 } as never, 'local');
    expect(JSON.parse(await readFile(join(dir, 'journal.jsonl'), 'utf8')).stepId).toBe('whoami');
    expect(syncs).toEqual([]);
  });
});

describe('writes that must survive a crash of the machine', () => {
  it('the ledger flushes the file and the rename', async () => {
    await new Ledger(join(dir, 'ledger.json')).record({ kind: 'repository', name: 'ecr-lab/demo', region: 'us-east-1', account: '123456789012', target: 'live', createdAt: new Date(0).toISOString() });
    expect(syncs).toEqual(['datasync', 'sync']);
  });

  it('writeFileDurably flushes the file before the rename and the directory after it', async () => {
    await writeFileDurably(join(dir, 'b.json'), 'kept');
    expect(syncs).toEqual(['datasync', 'sync']);
  });

  it('saveJson (progress, drill scores, the ledger) is durable', async () => {
    await saveJson(join(dir, 'progress.json'), { lesson: 'one' });
    expect(syncs).toEqual(['datasync', 'sync']);
    expect(JSON.parse(await readFile(join(dir, 'progress.json'), 'utf8'))).toEqual({ lesson: 'one' });
  });
});
