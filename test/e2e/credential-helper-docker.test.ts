// The credential-helper card on the local ECR, with the real docker CLI and daemon: after it,
// config.json holds no login for the registry, and docker still pushes and pulls because it
// runs ecr-lab's docker-credential-ecr-lab, which asks the local ECR's GetAuthorizationToken.
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperBinDir } from '../../src/workflow/assets.js';
import { pathWithHelper } from '../../src/workflow/helper-path.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import type { StepOutcome } from '../../src/workflow/types.js';

let dir: string;
let target: LocalTarget;
const tag = `ch${Date.now().toString(36)}`;
const repository = `ecr-lab/helper-${tag}`;
const dockerConfig = (): string => join(dir, 'docker');
const ref = (): string => `${target.context.registry}/${repository}:${tag}`;
/** docker as the learner runs it: this DOCKER_CONFIG, and PATH with or without ecr-lab's bin/. */
const docker = (args: string[], withHelper = true) => execa('docker', args, {
  reject: false, all: true,
  env: { DOCKER_CONFIG: dockerConfig(), PATH: withHelper ? pathWithHelper() : (process.env.PATH ?? '').split(delimiter).filter((d) => d !== helperBinDir()).join(delimiter) },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-helper-e2e-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'docker', dataDir: join(dir, 'local-ecr'), port: 0, dockerConfigDir: dockerConfig() });
});

afterAll(async () => {
  await execa('docker', ['rmi', '--force', `${target.context.localImage}:${tag}`, ref()], { reject: false });
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(id: string, params: Record<string, string> = {}): Promise<StepOutcome> {
  const o = await target.runner.run(id, params, { confirm: async () => true });
  expect(o.status, `${id}: ${o.error?.code} ${o.error?.message}\n${o.output.join('\n')}`).toBe('succeeded');
  return o;
}

describe('credential-helper with docker on the local ECR', () => {
  it('configures credHelpers, drops the stored login, and docker logs itself in through the helper', async () => {
    await run('create-repository', { repository });
    await run('login');
    await run('build-image', { tag });
    await run('tag-image', { repository, tag, sourceTag: tag });
    await run('push-image', { repository, tag });

    const o = await run('credential-helper');
    const host = target.context.registry;
    const config = JSON.parse(await readFile(join(dockerConfig(), 'config.json'), 'utf8')) as { auths?: Record<string, unknown>; credHelpers?: Record<string, string> };
    expect(config.credHelpers).toEqual({ [host]: 'ecr-lab' });
    expect(Object.keys(config.auths ?? {})).not.toContain(host);
    expect(o.verified).toContainEqual({ label: `auths["${host}"]`, value: 'none (no password in config.json)' });
    expect(o.commands.join('\n')).not.toMatch(/get-login-password/);
    expect(o.commands).toContain(`docker logout ${host}`);

    // The helper, asked as docker asks it, answers with a token; the card never shows it.
    const got = await execa('docker-credential-ecr-lab', ['get'], { input: host, env: { PATH: pathWithHelper(), DOCKER_CONFIG: dockerConfig() } });
    const secret = (JSON.parse(got.stdout) as { Secret: string }).Secret;
    expect(secret.length).toBeGreaterThan(100);
    expect(JSON.stringify(o)).not.toContain(secret);

    // docker logout succeeds (the helper stores nothing) and leaves the helper in place.
    expect((await docker(['logout', host])).exitCode).toBe(0);
    expect(JSON.parse(await readFile(join(dockerConfig(), 'config.json'), 'utf8'))).toMatchObject({ credHelpers: { [host]: 'ecr-lab' } });

    // Without the helper on PATH docker cannot get credentials; with it, the pull works.
    await docker(['rmi', ref()]);
    const without = await docker(['pull', ref()], false);
    expect(without.exitCode).not.toBe(0);
    expect(without.all).toMatch(/no basic auth credentials/);
    const pulled = await docker(['pull', ref()]);
    expect(pulled.exitCode, pulled.all).toBe(0);
    expect(pulled.all).toMatch(/Status: Downloaded newer image/);

    // ecr-lab's own docker finds the helper too: its pull step works with no login stored.
    const step = await run('pull-image', { repository, tag });
    expect(step.output).toContain(`Untagged: ${ref()}`);
  });

  it('a not-logged-in drill under credHelpers "ecr-lab": docker meets the real error, and the helper comes back on off', async () => {
    const host = target.context.registry;
    const helpers = async () => (JSON.parse(await readFile(join(dockerConfig(), 'config.json'), 'utf8')) as { credHelpers?: Record<string, string> }).credHelpers;
    await target.server.faults.on('not-logged-in', { repository, tag });
    try {
      expect(await helpers()).toEqual({});
      const failed = await target.runner.run('pull-image', { repository, tag }, { confirm: async () => true });
      expect(failed.status).toBe('failed');
      expect(`${failed.error?.message}\n${failed.output.join('\n')}`).toMatch(/no basic auth credentials/);
    } finally {
      await target.server.faults.off('not-logged-in');
    }
    expect(await helpers()).toEqual({ [host]: 'ecr-lab' });
    await run('pull-image', { repository, tag });
  });
});
