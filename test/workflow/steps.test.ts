// Every live step through the real AWS SDK against the in-process local ECR, with the
// built-in engine: outcomes as data, verified by reading state back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent, StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, startLab, type Lab } from './helpers.js';

let lab: Lab;
// The scan lasts a minute on the local clock, so only the test's own move of that clock ends it:
// a loaded machine's first DescribeImageScanFindings would find the default 10 ms scan over.
beforeAll(async () => { lab = await startLab('builtin', false, 60_000); });
afterAll(async () => { await lab.dispose(); });

async function run(id: string, params: Record<string, string | number | boolean> = {}, events: StepEvent[] = []): Promise<StepOutcome> {
  const o = await lab.target.runner.run(id, params, { onEvent: (e) => events.push(e) });
  expect(o.status, describeOutcome(o)).toBe('succeeded');
  return o;
}

const verified = (o: StepOutcome, label: string): string | undefined => o.verified.find((v) => v.label === label)?.value;

describe('the seminar workflow on the local ECR (built-in engine)', () => {
  it('whoami names the local learner identity', async () => {
    const o = await run('whoami');
    expect(verified(o, 'account')).toBe('123456789012');
    expect(verified(o, 'identity')).toBe('arn:aws:iam::123456789012:user/learner');
    expect(o.commands[0]).toMatch(/^aws sts get-caller-identity --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('create-repository creates, tags created-by=ecr-lab, records it in the ledger and reads it back', async () => {
    const o = await run('create-repository', { encryption: 'AES256' });
    expect(verified(o, 'repositoryUri')).toBe(`${lab.target.context.registry}/ecr-lab/demo`);
    expect(o.output).toContain('ECR form: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo');
    expect(verified(o, 'scanOnPush')).toBe('false');
    expect(verified(o, 'imageTagMutability')).toBe('MUTABLE');
    expect(verified(o, 'encryption')).toBe('AES256');
    expect(o.commands[0]).toContain('--tags Key=created-by,Value=ecr-lab');
    const repo = lab.target.server.context.store.getRepository('ecr-lab/demo');
    expect(repo?.tags).toContainEqual({ Key: 'created-by', Value: 'ecr-lab' });
  });

  it('describe-repositories lists it', async () => {
    const o = await run('describe-repositories');
    expect(verified(o, 'repositories')).toBe('1');
    expect(o.output.join('\n')).toContain('ecr-lab/demo');
  });

  it('describe-repositories of one name says that repository is there, not how many the registry holds', async () => {
    expect((await run('describe-repositories')).summary).toBe('1 repository in account 123456789012, region us-east-1.');
    expect((await run('describe-repositories', { repository: 'ecr-lab/demo' })).summary)
      .toBe(`ecr-lab/demo is in account 123456789012, region us-east-1: ${lab.target.context.registry}/ecr-lab/demo.`);
  });

  it('login masks the token everywhere and leaves credentials for the registry host', async () => {
    const o = await run('login');
    const text = JSON.stringify(o);
    expect(text).toContain('masked');
    const stored = verified(o, 'credentials stored') ?? '';
    expect(stored).toContain(lab.target.context.registry);
    const { readFile } = await import('node:fs/promises');
    const auth = JSON.parse(await readFile(stored.split(' ')[0]!, 'utf8')) as { auths: Record<string, { auth: string }> };
    const password = Buffer.from(auth.auths[lab.target.context.registry]!.auth, 'base64').toString().slice(4);
    expect(password.length).toBeGreaterThan(100);
    expect(text).not.toContain(password);
    expect(o.output[0]).toMatch(/^authorizationToken: QVdTOmV5…\(\d+ chars, masked\)$/);
    expect(o.output).toContain('[built-in engine] login: standing in for docker because --engine builtin was chosen');
  });

  it('build-image builds the demo image with two layers', async () => {
    const o = await run('build-image');
    expect(verified(o, 'layers')).toBe('2');
    expect(verified(o, 'image id')).toMatch(/^sha256:[0-9a-f]{64}$/);
    const name = lab.target.context.localImage;
    expect(name).toMatch(/^ecr-lab-demo-[0-9a-f]{8}$/);
    expect(o.output).toContain(`Successfully tagged ${name}:v1`);
    expect(o.commands[0]).toMatch(new RegExp(`^docker build -t ${name}:v1 /`));
    expect(o.summary).toContain(`Built ${name}:v1`);
  });

  it('tag-image gives the same image a registry name and shows the ECR form', async () => {
    // Another learner on the same daemon tagged the same bytes: their name is not shown here.
    const io = { print: () => undefined, layer: () => undefined };
    await lab.target.engineForChecks.tag(`${lab.target.context.localImage}:v1`, '127.0.0.1:1/someone-else/demo:v1', io);
    const o = await run('tag-image');
    expect(verified(o, 'tags')?.split(', ').sort()).toEqual([`${lab.target.context.registry}/ecr-lab/demo:v1`, `${lab.target.context.localImage}:v1`].sort());
    expect(o.output).toContain('ECR form: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo:v1');
  });

  it('push-image reports progress per layer and a digest that DescribeImages confirms', async () => {
    const events: StepEvent[] = [];
    const o = await run('push-image', {}, events);
    const layers = events.filter((e) => e.type === 'layer');
    expect(new Set(layers.map((e) => e.type === 'layer' && e.id)).size).toBe(2);
    expect(layers.filter((e) => e.type === 'layer' && e.status === 'Pushed')).toHaveLength(2);
    expect(o.output.some((l) => /^[0-9a-f]{12}: Pushed$/.test(l))).toBe(true);
    const digestLine = o.output.find((l) => l.startsWith('v1: digest: '))!;
    expect(digestLine).toMatch(/^v1: digest: sha256:[0-9a-f]{64} size: \d+$/);
    expect(digestLine).toContain(verified(o, 'digest (DescribeImages)'));
  });

  it('describe-images draws registry -> repository -> tags -> digest', async () => {
    const o = await run('describe-images');
    expect(verified(o, 'images')).toBe('1');
    expect(o.output[1]).toBe('└── ecr-lab/demo');
    expect(o.output[2]).toMatch(/└── v1 -> sha256:/);
  });

  it('pull-image by tag and by digest, verified with the engine\'s repo digests', async () => {
    const byTag = await run('pull-image');
    expect(verified(byTag, 'repo digest (DescribeImages)')).toMatch(/@sha256:/);
    // The local name goes first, that one only, so the manifest really comes from ECR.
    const ref = `${lab.target.context.registry}/ecr-lab/demo:v1`;
    expect(byTag.output.slice(0, 2)).toEqual([`Untagged: ${ref}`, '[built-in engine] pull: standing in for docker because --engine builtin was chosen']);
    expect(byTag.commands).toEqual([`docker rmi ${ref}`, `docker pull ${ref}`]);
    expect((await lab.target.engineForChecks.inspect(`${lab.target.context.localImage}:v1`))?.repoTags).toContain(`${lab.target.context.localImage}:v1`);
    // The built image keeps the same layers, and the summary says so instead of "downloaded".
    expect(verified(byTag, 'layers downloaded')).toBe('0 of 2');
    expect(byTag.summary).toMatch(/No layer was downloaded: all 2 were already in the local image store/);
    const byDigest = await run('pull-image', { by: 'digest' });
    expect(byDigest.commands.at(-1)).toMatch(/^docker pull 127\.0\.0\.1:\d+\/ecr-lab\/demo@sha256:[0-9a-f]{64}$/);
    expect(verified(byDigest, 'repo digest (DescribeImages)')).toBe(verified(byTag, 'repo digest (DescribeImages)'));
  });

  it('pull-image that fails gives the local name back, so the next push still finds the image', async () => {
    const ref = `${lab.target.context.registry}/ecr-lab/demo:not-in-ecr`;
    const io = { print: () => undefined, layer: () => undefined };
    await lab.target.engineForChecks.tag(`${lab.target.context.localImage}:v1`, ref, io);
    const o = await lab.target.runner.run('pull-image', { tag: 'not-in-ecr' });
    expect(o.status).toBe('failed');
    expect(o.error?.code).toBe('MANIFEST_UNKNOWN');
    expect(o.output).toContain(`Untagged: ${ref}`);
    expect(o.output.at(-1)).toMatch(/^the pull failed, so .* names the local image again/);
    expect((await lab.target.engineForChecks.inspect(ref))?.repoTags).toContain(ref);
  });

  it('put-lifecycle-policy stores the policy and shows the preview', async () => {
    const o = await run('put-lifecycle-policy', { keep: 1 });
    expect(verified(o, 'policy stored')).toMatch(/^yes/);
    expect(verified(o, 'preview status')).toBe('COMPLETE');
    expect(o.commands[0]).toContain('"countNumber":1');
  });

  it('start-image-scan shows the scan IN_PROGRESS, then COMPLETE, and reads findings labelled as simulated', async () => {
    // The local clock moves past the scan only once the card has shown DescribeImageScanFindings' IN_PROGRESS.
    const o = await lab.target.runner.run('start-image-scan', {}, {
      onEvent: (e) => { if (e.type === 'output' && e.line.startsWith('describe-image-scan-findings: IN_PROGRESS')) lab.target.server.context.clock.advance(61_000); },
    });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    const statuses = o.output.filter((l) => /^(scan |describe-image-scan-findings: )/.test(l));
    expect(statuses).toEqual([
      'scan IN_PROGRESS for ecr-lab/demo:v1', 'describe-image-scan-findings: IN_PROGRESS (asking again until it ends)', 'describe-image-scan-findings: COMPLETE',
    ]);
    expect(verified(o, 'scan status')).toBe('COMPLETE');
    expect(o.output.join('\n')).toMatch(/SIMULATED/);
    // The one-line summary a slide or a report shows says it too.
    expect(verified(o, 'findings')).toMatch(/ \(simulated by the local ECR\)$/);
  });

  it('set-tag-immutability switches the repository to IMMUTABLE', async () => {
    const o = await run('set-tag-immutability');
    expect(verified(o, 'imageTagMutability')).toBe('IMMUTABLE');
  });

  it('credential-helper on the local ECR: without consent it explains ecr-lab\'s helper and writes nothing', async () => {
    const o = await run('credential-helper');
    expect(o.summary).toMatch(/not changed/);
    const text = o.output.join('\n');
    expect(text).toContain(`"credHelpers": {"${lab.target.context.registry}": "ecr-lab"}`);
    expect(text).toMatch(/docker-credential-ecr-login cannot do it here/);
    expect(o.commands.join('\n')).not.toMatch(/get-login-password/);
    const { access } = await import('node:fs/promises');
    await expect(access(`${lab.dir}/docker/config.json`)).rejects.toThrow();
  });

  it('credential-helper with consent: credHelpers "ecr-lab", and the helper answers as docker asks it, the token unseen', async () => {
    const o = await lab.target.runner.run('credential-helper', {}, { confirm: async () => true });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    const host = lab.target.context.registry;
    const { readFile } = await import('node:fs/promises');
    const config = JSON.parse(await readFile(`${lab.dir}/docker/config.json`, 'utf8')) as Record<string, unknown>;
    expect(config.credHelpers).toEqual({ [host]: 'ecr-lab' });
    expect(verified(o, 'docker-credential-ecr-lab get')).toMatch(/^Username AWS, a \d+-character token \(not shown\)$/);
    const { runHelperAction } = await import('../../src/workflow/ecr-lab-helper.js');
    const got = await runHelperAction('get', `${host}\n`, `${lab.dir}/docker`);
    expect(got.exitCode).toBe(0);
    const answer = JSON.parse(got.stdout) as { ServerURL: string; Username: string; Secret: string };
    expect(answer).toMatchObject({ ServerURL: host, Username: 'AWS' });
    expect(lab.target.server.context.tokens.check(answer.Secret, 'us-east-1', '123456789012', Date.now()).ok).toBe(true);
    expect(JSON.stringify(o)).not.toContain(answer.Secret);
  });

  it('cleanup deletes the ledger\'s repository and empties the ledger', async () => {
    const o = await run('cleanup');
    expect(verified(o, 'ecr-lab/demo')).toMatch(/^deleted/);
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeUndefined();
    const { Ledger } = await import('../../src/state/ledger.js');
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });
});
