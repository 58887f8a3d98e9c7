// The real AWS CLI v2 (/usr/bin/aws) against the local ECR: output, error lines and exit codes
// as ECR.md Appendix B records them. Runs with a temp HOME and env credentials only.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { json, runAws, type Run } from './aws-cli-runner.js';
import { pushViaPutImage } from './aws-cli-images.js';

const ACCOUNT = '123456789012';
const POLICY = JSON.stringify({
  rules: [{ rulePriority: 1, description: 'keep one untagged image', selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }],
});

let ecr: LocalEcr;
let dir: string;

const aws = (args: readonly string[], keyId?: string): Promise<Run> => runAws(ecr.endpoint, dir, args, keyId);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-cli-'));
  ecr = await startLocalEcr({ dataDir: join(dir, 'data'), account: ACCOUNT, region: 'us-east-1' });
  await writeFile(join(dir, 'policy.json'), POLICY);
});

afterAll(async () => {
  await ecr?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aws ecr against the local ECR', () => {
  it('creates and describes a repository', async () => {
    const created = json(await aws(['ecr', 'create-repository', '--repository-name', 'demo/app'])).repository as Record<string, unknown>;
    expect(created.repositoryUri).toBe(`${ecr.registryHost}/demo/app`);
    expect(created.repositoryArn).toBe(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/demo/app`);
    const described = json(await aws(['ecr', 'describe-repositories'])).repositories as Record<string, unknown>[];
    expect(described.map((r) => r.repositoryName)).toEqual(['demo/app']);
  });

  it('prints the error lines of Appendix B with exit code 254', async () => {
    const existing = await aws(['ecr', 'create-repository', '--repository-name', 'demo/app']);
    expect(existing.exitCode).toBe(254);
    expect(existing.stderr).toBe(`\nAn error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation: The repository with name 'demo/app' already exists in the registry with id '${ACCOUNT}'`);
    const missing = await aws(['ecr', 'describe-repositories', '--repository-names', 'nope']);
    expect(missing.exitCode).toBe(254);
    expect(missing.stderr).toBe(`\nAn error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'nope' does not exist in the registry with id '${ACCOUNT}'`);
    const noPolicy = await aws(['ecr', 'get-lifecycle-policy', '--repository-name', 'demo/app']);
    expect(noPolicy.exitCode).toBe(254);
    expect(noPolicy.stderr).toBe(`\nAn error occurred (LifecyclePolicyNotFoundException) when calling the GetLifecyclePolicy operation: Lifecycle policy does not exist for the repository with name 'demo/app' in the registry with id '${ACCOUNT}'`);
    const badName = await aws(['ecr', 'create-repository', '--repository-name', 'Demo']);
    expect(badName.exitCode).toBe(254);
    expect(badName.stderr).toContain("(InvalidParameterException) when calling the CreateRepository operation: Invalid parameter at 'repositoryName' failed to satisfy constraint:");
  });

  it('prints auth errors for an unknown key, on ECR (400 JSON) and STS (403 XML)', async () => {
    const ecrRun = await aws(['ecr', 'describe-repositories'], 'AKIAUNKNOWNEXAMPLE00');
    expect(ecrRun.exitCode).toBe(254);
    expect(ecrRun.stderr).toBe('\nAn error occurred (UnrecognizedClientException) when calling the DescribeRepositories operation: The security token included in the request is invalid.');
    const stsRun = await aws(['sts', 'get-caller-identity'], 'AKIAUNKNOWNEXAMPLE00');
    expect(stsRun.exitCode).toBe(254);
    expect(stsRun.stderr).toBe('\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.');
  });

  it('answers sts get-caller-identity', async () => {
    expect(json(await aws(['sts', 'get-caller-identity']))).toEqual({
      UserId: 'AIDAJQABLZS4A3QDU576Q', Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/learner`,
    });
  });

  it('get-login-password prints a valid registry password', async () => {
    const run = await aws(['ecr', 'get-login-password']);
    expect(run.exitCode).toBe(0);
    const password = run.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(ecr.context.tokens.check(password, 'us-east-1', ACCOUNT, Date.now())).toMatchObject({ ok: true, accessKeyId: EXAMPLE_ACCESS_KEY_ID });
    const raw = json(await aws(['ecr', 'get-authorization-token'])).authorizationData as { authorizationToken: string }[];
    expect(Buffer.from(raw[0].authorizationToken, 'base64').toString()).toMatch(/^AWS:[A-Za-z0-9+/=]+$/);
  });

  it('describes, lists and batch-deletes images put over the API', async () => {
    const digest = await pushViaPutImage(ecr, 'demo/app', 'v1');
    const images = json(await aws(['ecr', 'describe-images', '--repository-name', 'demo/app'])).imageDetails as Record<string, unknown>[];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ imageDigest: digest, imageTags: ['v1'], repositoryName: 'demo/app' });
    expect(String(images[0].imagePushedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const gone = json(await aws(['ecr', 'batch-delete-image', '--repository-name', 'demo/app', '--image-ids', 'imageTag=v1', 'imageTag=nope']));
    expect(gone).toEqual({
      imageIds: [{ imageDigest: digest, imageTag: 'v1' }],
      failures: [{ imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }],
    });
  });

  it('puts a lifecycle policy and runs its preview', async () => {
    await pushViaPutImage(ecr, 'demo/app', undefined, 'old');
    await pushViaPutImage(ecr, 'demo/app', undefined, 'new');
    const put = json(await aws(['ecr', 'put-lifecycle-policy', '--repository-name', 'demo/app', '--lifecycle-policy-text', `file://${join(dir, 'policy.json')}`]));
    expect(put.lifecyclePolicyText).toBe(POLICY);
    const got = json(await aws(['ecr', 'get-lifecycle-policy', '--repository-name', 'demo/app']));
    expect(got).toMatchObject({ repositoryName: 'demo/app', registryId: ACCOUNT, lifecyclePolicyText: POLICY });
    const started = json(await aws(['ecr', 'start-lifecycle-policy-preview', '--repository-name', 'demo/app']));
    expect(started.status).toBe('IN_PROGRESS');
    const wait = await aws(['ecr', 'wait', 'lifecycle-policy-preview-complete', '--repository-name', 'demo/app']);
    expect(wait.exitCode).toBe(0);
    const preview = json(await aws(['ecr', 'get-lifecycle-policy-preview', '--repository-name', 'demo/app']));
    expect(preview).toMatchObject({ status: 'COMPLETE', summary: { expiringImageTotalCount: 1 } });
    expect((preview.previewResults as Record<string, unknown>[])[0]).toMatchObject({ action: { type: 'EXPIRE' }, appliedRulePriority: 1 });
  });

  it('shows a basic scan IN_PROGRESS, also through --query, then waits for it and reads its findings', async () => {
    await pushViaPutImage(ecr, 'demo/app', 'scanned');
    const id = ['--repository-name', 'demo/app', '--image-id', 'imageTag=scanned'];
    expect(json(await aws(['ecr', 'start-image-scan', ...id])).imageScanStatus).toEqual({ status: 'IN_PROGRESS' });
    // The scan's clock held a minute back, so that it is still running whatever the CLI's pace.
    ecr.context.clock.advance(-60_000);
    try {
      const running = json(await aws(['ecr', 'describe-image-scan-findings', ...id]));
      expect(running).toMatchObject({ imageScanStatus: { status: 'IN_PROGRESS' }, imageScanFindings: { findings: [] } });
      // Without the empty findings list the CLI's paginator failed here: 'NoneType' object does not support item assignment.
      const queried = await aws(['ecr', 'describe-image-scan-findings', ...id, '--query', 'imageScanStatus.status', '--output', 'text']);
      expect(queried).toEqual({ exitCode: 0, stdout: 'IN_PROGRESS', stderr: '' });
    } finally {
      ecr.context.clock.advance(61_000);
    }
    expect((await aws(['ecr', 'wait', 'image-scan-complete', ...id])).exitCode).toBe(0);
    const done = json(await aws(['ecr', 'describe-image-scan-findings', ...id]));
    expect(done.imageScanStatus).toEqual({ status: 'COMPLETE', description: 'The scan was completed successfully.' });
    const findings = (done.imageScanFindings as { findings: { description: string }[] }).findings;
    for (const f of findings) expect(f.description).toContain('SIMULATED');
  });

  it('rejects a too-short lifecycle policy on the client side (exit 252)', async () => {
    const run = await aws(['ecr', 'put-lifecycle-policy', '--repository-name', 'demo/app', '--lifecycle-policy-text', '{"rules":[]}']);
    expect(run.exitCode).toBe(252);
    expect(run.stderr).toContain('Invalid length for parameter lifecyclePolicyText, value: 12, valid min length: 100');
  });
});
