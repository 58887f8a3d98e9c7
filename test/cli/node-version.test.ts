// The installed command on a Node older than package.json's engines: one line saying which
// Node it needs and what to do, exit 1, no stack trace. A copy whose engines ask for Node 99.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecr-lab-node-'));
  await cp(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ ...manifest, engines: { node: '>=99.1' } }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('says which Node it needs in one line and exits 1', async () => {
  const failed = await run(process.execPath, [join(root, 'bin/ecr-lab.js'), 'lessons']).then(() => undefined, (e: { code: number; stderr: string }) => e);
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toBe(`ecr-lab: this is Node ${process.versions.node}; ecr-lab needs Node >=99.1. Fix: install Node 24 (LTS) or 22, then run ecr-lab again\n`);
});

it('runs on this Node, which the real engines allow', async () => {
  const r = await run(process.execPath, [join(ROOT, 'bin/ecr-lab.js'), '--version']);
  expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});
