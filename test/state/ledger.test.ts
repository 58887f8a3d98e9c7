// The ledger: atomic writes, one entry per resource, corrupt files kept aside with a warning.
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, type LedgerEntry } from '../../src/state/ledger.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ecr-lab-ledger-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const entry = (name: string, target: 'local' | 'live' = 'local'): LedgerEntry =>
  ({ kind: 'repository', name, region: 'us-east-1', account: '123456789012', target, createdAt: '2026-01-01T00:00:00.000Z' });

describe('Ledger', () => {
  it('starts empty when there is no file', async () => {
    expect(await Ledger.in(dir).entries()).toEqual([]);
  });

  it('records and removes entries, and another instance reads the same file', async () => {
    const ledger = Ledger.in(dir);
    await ledger.record(entry('a'));
    await ledger.record(entry('b', 'live'));
    await ledger.record(entry('a'));
    expect((await Ledger.in(dir).entries()).map((e) => `${e.name}/${e.target}`)).toEqual(['a/local', 'b/live']);
    await ledger.remove(entry('a'));
    expect((await Ledger.in(dir).entries()).map((e) => e.name)).toEqual(['b']);
  });

  it('keeps every one of many concurrent records', async () => {
    const ledger = Ledger.in(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.record(entry(`r${i}`))));
    expect(await Ledger.in(dir).entries()).toHaveLength(20);
  });

  it('writes atomically: only ledger.json remains, always valid JSON, mode 0600', async () => {
    const ledger = Ledger.in(dir);
    for (let i = 0; i < 5; i++) await ledger.record(entry(`r${i}`));
    expect(await readdir(dir)).toEqual(['ledger.json']);
    const data = JSON.parse(await readFile(join(dir, 'ledger.json'), 'utf8')) as { version: number; entries: unknown[] };
    expect(data.version).toBe(1);
    expect(data.entries).toHaveLength(5);
    expect((await stat(join(dir, 'ledger.json'))).mode & 0o777).toBe(0o600);
  });

  it('writes 0600 even over a ledger.json that others could read', async () => {
    // A file left 0644 (copied in, or from an older version) must not keep its mode on rewrite.
    await writeFile(join(dir, 'ledger.json'), JSON.stringify({ version: 1, entries: [] }));
    await chmod(join(dir, 'ledger.json'), 0o644);
    await Ledger.in(dir).record(entry('a'));
    expect((await stat(join(dir, 'ledger.json'))).mode & 0o777).toBe(0o600);
  });

  it('moves a corrupt file aside with a warning and never silently resets it', async () => {
    await writeFile(join(dir, 'ledger.json'), '{"version":1,"entries":[{"kind":"repo');
    const ledger = Ledger.in(dir);
    expect(await ledger.entries()).toEqual([]);
    const [warning] = ledger.takeWarnings();
    expect(warning).toMatch(/ledger\.json was unreadable .* kept it as .*ledger\.json\.corrupt-/);
    expect(ledger.takeWarnings()).toEqual([]);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('ledger.json.corrupt-'))!;
    expect(await readFile(join(dir, aside), 'utf8')).toContain('"kind":"repo');
    await ledger.record(entry('fresh'));
    expect((await Ledger.in(dir).entries()).map((e) => e.name)).toEqual(['fresh']);
  });

  it('treats a well-formed file with a malformed entry as corrupt', async () => {
    await writeFile(join(dir, 'ledger.json'), JSON.stringify({ version: 1, entries: [{ kind: 'repository', name: 3 }] }));
    const ledger = Ledger.in(dir);
    expect(await ledger.entries()).toEqual([]);
    expect(ledger.takeWarnings()[0]).toMatch(/malformed/);
  });
});
