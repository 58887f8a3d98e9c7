// The whole workflow with the real docker CLI and daemon against the in-process local ECR,
// with a private DOCKER_CONFIG so the learner's own docker logins are never touched.
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent, StepOutcome } from '../../src/workflow/types.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';

let dir: string;
let target: LocalTarget;
const tag = `e2e${Date.now().toString(36)}`;
const repository = `ecr-lab/e2e-${tag}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-e2e-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'docker', dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 100, dockerConfigDir: join(dir, 'docker') });
});

afterAll(async () => {
  const refs = [`${target.context.localImage}:${tag}`, `${target.context.registry}/${repository}:${tag}`];
  const listed = await execa('docker', ['images', '--digests', '--format', '{{.Repository}}@{{.Digest}}'], { reject: false });
  const pulled = String(listed.stdout).split('\n').filter((l) => l.startsWith(`${target.context.registry}/`) && !l.endsWith('@<none>'));
  await execa('docker', ['rmi', '--force', ...refs, ...pulled], { reject: false });
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(id: string, params: Record<string, string> = {}, events: StepEvent[] = []): Promise<StepOutcome> {
  const o = await target.runner.run(id, { ...params }, { onEvent: (e) => events.push(e) });
  expect(o.status, `${id}: ${o.error?.code} ${o.error?.message}\n${o.output.join('\n')}`).toBe('succeeded');
  return o;
}

describe('the workflow with docker', () => {
  it('uses the docker engine', () => {
    expect(target.engine).toBe('docker');
  });

  it('runs whoami -> create -> login -> build -> tag -> push -> describe -> pull -> scan -> cleanup', async () => {
    await run('whoami');
    await run('create-repository', { repository });
    const login = await run('login');
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
    const password = Buffer.from(config.auths[target.context.registry]!.auth, 'base64').toString().slice(4);
    expect(JSON.stringify(login)).not.toContain(password);
    expect(login.output).toContain('Login Succeeded');

    const built = await run('build-image', { tag });
    expect(built.verified.find((v) => v.label === 'layers')?.value).toBe('2');
    await run('tag-image', { repository, tag, sourceTag: tag });

    const events: StepEvent[] = [];
    const pushed = await run('push-image', { repository, tag }, events);
    expect(events.some((e) => e.type === 'layer' && e.status === 'Pushed')).toBe(true);
    expect(pushed.output.some((l) => new RegExp(`^${tag}: digest: sha256:[0-9a-f]{64} size: \\d+$`).test(l))).toBe(true);
    const digest = pushed.verified.find((v) => v.label === 'digest (DescribeImages)')?.value ?? '';

    const described = await run('describe-images', { repository });
    expect(described.output.join('\n')).toContain(digest);

    // pull-image removes the local name itself (that one only), so docker really fetches from ECR.
    const ref = `${target.context.registry}/${repository}:${tag}`;
    const byTag = await run('pull-image', { repository, tag });
    expect(byTag.output).toContain(`Untagged: ${ref}`);
    expect(byTag.output).toContain(`Status: Downloaded newer image for ${ref}`);
    expect(byTag.output.join('\n')).not.toMatch(/Image is up to date/);
    expect(byTag.verified.find((v) => v.label === 'layers downloaded')?.value).toMatch(/^[0-2] of 2$/);
    expect((await execa('docker', ['image', 'inspect', `${target.context.localImage}:${tag}`], { reject: false })).exitCode).toBe(0);
    const pulled = await run('pull-image', { repository, tag, by: 'digest' });
    expect(pulled.output.join('\n')).not.toMatch(/Image is up to date/);
    expect(pulled.verified.find((v) => v.label === 'repo digest (DescribeImages)')?.value).toBe(`${target.context.registry}/${repository}@${digest}`);

    await execa('docker', ['rmi', ref], { reject: false });
    const untagged = await target.runner.run('push-image', { repository, tag });
    expect(untagged.error?.explanation?.id).toBe('image-not-tagged');
    await run('tag-image', { repository, tag, sourceTag: tag });
    await run('set-tag-immutability', { repository });
    const again = await target.runner.run('push-image', { repository, tag });
    expect(again.status).toBe('failed');
    expect(again.error, JSON.stringify(again)).toMatchObject({ explanation: { id: 'tag-immutable' } });

    const cleaned = await run('cleanup', { repository });
    expect(cleaned.verified[0]?.value).toMatch(/^deleted/);
  });

  it('push without a repository: docker\'s own "name unknown", explained', async () => {
    await run('build-image', { tag });
    await run('tag-image', { repository: 'nosuch', tag, sourceTag: tag });
    const o = await target.runner.run('push-image', { repository: 'nosuch', tag });
    await execa('docker', ['rmi', `${target.context.registry}/nosuch:${tag}`], { reject: false });
    expect(o.status).toBe('failed');
    expect(o.error?.message).toMatch(/name unknown: The repository with name 'nosuch' does not exist/);
    expect(o.error?.explanation?.id).toBe('repository-not-found');
  });
});
