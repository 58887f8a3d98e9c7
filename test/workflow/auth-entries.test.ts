// Docker's stored logins, read and changed where docker keeps them: the auths of config.json,
// or a credential store that speaks docker's helper protocol (a small one made here).
import { chmod, mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuth, replaceAuth, restoreAuth, restoreHelper } from '../../src/workflow/auth-entries.js';

let dir: string;
const oldPath = process.env.PATH;
const HOST = '127.0.0.1:5000';
const auth = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');

// docker-credential-fake: get/store/erase on a JSON file, as the real helpers do on a keychain.
const HELPER = `#!/usr/bin/env node
const fs = require('fs'); const file = process.env.FAKE_STORE;
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
let input = ''; process.stdin.on('data', (c) => { input += c; }).on('end', () => {
  const action = process.argv[2];
  if (action === 'get') { const e = db[input.trim()]; if (!e) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify({ ServerURL: input.trim(), ...e })); }
  if (action === 'store') { const c = JSON.parse(input); db[c.ServerURL] = { Username: c.Username, Secret: c.Secret }; }
  if (action === 'erase') delete db[input.trim()];
  fs.writeFileSync(file, JSON.stringify(db));
});
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auths-'));
  await writeFile(join(dir, 'docker-credential-fake'), HELPER);
  await chmod(join(dir, 'docker-credential-fake'), 0o755);
  process.env.PATH = `${dir}:${oldPath}`;
  process.env.FAKE_STORE = join(dir, 'store.json');
});
afterAll(async () => {
  process.env.PATH = oldPath;
  await rm(dir, { recursive: true, force: true });
});

describe('logins in config.json', () => {
  it('removes, replaces and restores the entry and keeps every other key', async () => {
    const file = join(dir, 'plain.json');
    await writeFile(file, JSON.stringify({ auths: { [HOST]: { auth: auth('AWS', 'one') }, other: { auth: 'x' } }, HttpHeaders: { a: 'b' } }));
    const saved = await replaceAuth(file, HOST, undefined);
    expect(await readAuth(file, HOST)).toBeUndefined();
    await restoreAuth(file, HOST, saved);
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'one'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ auths: { other: { auth: 'x' } }, HttpHeaders: { a: 'b' } });
  });
});

describe('logins in a credential store (credsStore)', () => {
  it('reads through the helper, erases and stores there, and puts the old login back', async () => {
    const file = join(dir, 'store-config.json');
    await writeFile(file, JSON.stringify({ auths: { [HOST]: {} }, credsStore: 'fake' }));
    await writeFile(join(dir, 'store.json'), JSON.stringify({ [HOST]: { Username: 'AWS', Secret: 'first' } }));
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'first'));
    const erased = await replaceAuth(file, HOST, undefined);
    expect(await readAuth(file, HOST)).toBeUndefined();
    await restoreAuth(file, HOST, erased);
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'first'));
    const replaced = await replaceAuth(file, HOST, auth('AWS', 'foreign'));
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'foreign'));
    await restoreAuth(file, HOST, replaced);
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'first'));
  });
});

describe('a helper that mints a login on every get (credHelpers "ecr-lab")', () => {
  it('is set aside while a bad login is planted, so docker meets it, and comes back after', async () => {
    const file = join(dir, 'minting.json');
    const original = { credHelpers: { [HOST]: 'ecr-lab', 'other.example': 'ecr-lab' }, psFormat: 'table', auths: {} };
    await writeFile(file, JSON.stringify(original));
    const saved = await replaceAuth(file, HOST, auth('AWS', 'for-another-registry'));
    const during = JSON.parse(await readFile(file, 'utf8')) as typeof original;
    expect(during.credHelpers).toEqual({ 'other.example': 'ecr-lab' });
    expect(await readAuth(file, HOST)).toBe(auth('AWS', 'for-another-registry'));
    await restoreAuth(file, HOST, saved);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(original);
  });

  it('comes back even when the learner logged in by hand meanwhile (their login stays)', async () => {
    const file = join(dir, 'minting-fixed.json');
    await writeFile(file, JSON.stringify({ credHelpers: { [HOST]: 'ecr-lab' } }));
    const saved = await replaceAuth(file, HOST, undefined);
    expect(await readAuth(file, HOST)).toBeUndefined();
    await writeFile(file, JSON.stringify({ credHelpers: {}, auths: { [HOST]: { auth: auth('AWS', 'fixed') } } }));
    await restoreHelper(file, HOST, saved);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ credHelpers: { [HOST]: 'ecr-lab' }, auths: { [HOST]: { auth: auth('AWS', 'fixed') } } });
  });
});
