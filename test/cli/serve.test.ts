// `ecr-lab serve` as a user runs it: prints where it listens and what to paste, answers the
// registry's challenge, logs requests, and stops cleanly on Ctrl+C (SIGINT).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

it('serves, logs each request and stops on Ctrl+C', async () => {
  const data = await mkdtemp(join(tmpdir(), 'ecr-lab-serve-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => out, { timeout: 10_000 }).toMatch(/Requests \(Ctrl\+C to stop\)/);
  const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  expect(out).toContain(`docker login --username AWS --password-stdin ${endpoint.slice(7)}`);
  expect(out).toContain(`data directory: ${data}`);
  const res = await fetch(`${endpoint}/v2/`);
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=".*",service="ecr.amazonaws.com"$/);
  await res.arrayBuffer();
  await expect.poll(() => out, { timeout: 5_000 }).toMatch(/GET +\/v2\/ 401 UNAUTHORIZED/);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).toMatch(/local ECR stopped\n$/);
});

it('a port in use is one line and exit 1', async () => {
  const first = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  first.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  await expect.poll(() => out, { timeout: 10_000 }).toMatch(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const port = /127\.0\.0\.1:(\d+)/.exec(out)![1]!;
  const second = spawn(process.execPath, [CLI, 'serve', '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  second.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const code = await new Promise((resolve) => second.on('exit', resolve));
  first.kill('SIGINT');
  expect(code).toBe(1);
  expect(err).toBe(`ecr-lab: port ${port} on 127.0.0.1 is already in use; pick another with --port\n`);
});

// Node's recursive mkdir spun on this for good, deaf to SIGTERM (src/state/make-dir.ts).
it.runIf(process.platform === 'linux')('--data under /proc is one line and exit 1, at once', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', '/proc/ecr-lab-nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  expect(code).toBe(1);
  expect(err).toBe('ecr-lab: cannot create /proc/ecr-lab-nope: it cannot be made there (under /proc, or where a symbolic link leads nowhere); give --data a directory you can write (serve creates it if missing)\n');
}, 15_000);

// Under serve the file faults change this machine's docker (found by a walk: `fault on` said the
// shell was unchanged), and a docker that never logged in has no config folder yet.
it('fault on not-logged-in under serve says docker in your shell meets it, and makes docker\'s config folder', async () => {
  const home = await mkdtemp(join(tmpdir(), 'ecr-lab-serve-fault-'));
  const env = { ...process.env, DOCKER_CONFIG: join(home, 'docker'), ECR_LAB_STATE_DIR: join(home, 'state') };
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await expect.poll(() => out, { timeout: 10_000 }).toMatch(/Requests \(Ctrl\+C to stop\)/);
  const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]!;
  const on = await promisify(execFile)(process.execPath, [CLI, 'fault', 'on', 'not-logged-in', '--port', port], { env });
  expect(on.stdout).toContain("under serve, or with --engine docker, that is this machine's docker, so docker in your own shell meets it too.");
  expect(on.stdout).not.toContain('your own shell is unchanged');
  await expect.poll(async () => (await import('node:fs/promises')).readFile(join(home, 'docker', 'config.json'), 'utf8')).toContain('"auths"');
  child.kill('SIGINT');
  expect(await exited).toBe(0);
}, 20_000);
