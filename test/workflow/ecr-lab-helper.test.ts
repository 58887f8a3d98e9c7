// docker-credential-ecr-lab's protocol answers (docker's credential-helper protocol), and the
// bundled bin/ that docker runs, spoken to through stdin like docker does.
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegistry, runHelperAction } from '../../src/workflow/ecr-lab-helper.js';
import { pathWithHelper } from '../../src/workflow/helper-path.js';
import { helperBinDir } from '../../src/workflow/assets.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-helper-'));
  await addRegistry(dir, '127.0.0.1:1', { endpoint: 'http://127.0.0.1:1', region: 'us-east-1' });
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('docker-credential-ecr-lab', () => {
  it('answers "not found" for a registry it was not configured for, so docker goes on without credentials', async () => {
    expect(await runHelperAction('get', '127.0.0.1:9\n', dir)).toEqual({ stdout: 'credentials not found in native keychain', exitCode: 1 });
  });

  it('lists the registries it serves, and accepts store and erase without keeping anything', async () => {
    expect(await runHelperAction('list', '', dir)).toEqual({ stdout: '{"127.0.0.1:1":"AWS"}', exitCode: 0 });
    expect((await runHelperAction('store', '{"ServerURL":"127.0.0.1:1","Username":"AWS","Secret":"s"}', dir)).exitCode).toBe(0);
    expect((await runHelperAction('erase', '127.0.0.1:1', dir)).exitCode).toBe(0);
    expect((await runHelperAction('nonsense', '', dir)).exitCode).toBe(1);
  });

  it('says in one line when the local ECR does not answer (a scheme in the request is ignored)', async () => {
    const r = await runHelperAction('get', 'https://127.0.0.1:1', dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^GetAuthorizationToken at http:\/\/127\.0\.0\.1:1 failed: /);
    expect(r.stdout).not.toContain('\n');
  });

  it('ships as bin/docker-credential-ecr-lab, which ecr-lab puts first on docker\'s PATH', async () => {
    const bin = helperBinDir();
    expect(bin).toBe(join(process.cwd(), 'bin'));
    expect(pathWithHelper('/usr/bin:/bin').split(':')[0]).toBe(bin);
    const r = await execa('docker-credential-ecr-lab', ['get'], { input: '127.0.0.1:9', reject: false, env: { PATH: pathWithHelper(), DOCKER_CONFIG: dir } });
    expect([r.exitCode, r.stdout]).toEqual([1, 'credentials not found in native keychain']);
  });
});
