// SigV4, simulated IAM and GetAuthorizationToken on the ECR JSON API, through the real SDK.
import { CreateRepositoryCommand, ECRClient, DeleteRepositoryCommand, DescribeRepositoriesCommand, GetAuthorizationTokenCommand, PutLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { ACCOUNT, failure, LEARNER, READER, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
beforeAll(async () => {
  h = await startControlHarness();
  await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
});
afterAll(async () => { await h.close(); });

const INVALID_SIGNATURE = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const AMZ = '(\\d{8}T\\d{6}Z)';

function amzToMs(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text) ?? [];
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

describe('authentication', () => {
  it('rejects an unknown access key id', async () => {
    expect(await failure(h.ecrAs({ accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' }).send(new DescribeRepositoriesCommand({})))).toEqual({
      name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.',
    });
  });

  it('rejects a wrong secret', async () => {
    expect(await failure(h.ecrAs({ ...LEARNER, secretAccessKey: 'wrong' }).send(new DescribeRepositoriesCommand({})))).toEqual({
      name: 'InvalidSignatureException', status: 400, message: INVALID_SIGNATURE,
    });
  });

  it('rejects a signature scoped to another region', async () => {
    expect(await failure(h.ecrAs(LEARNER, 'eu-west-1').send(new DescribeRepositoriesCommand({})))).toEqual({
      name: 'InvalidSignatureException', status: 400, message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
    });
  });

  it.each([
    [20, `^Signature expired: ${AMZ} is now earlier than ${AMZ} \\(${AMZ} - 15 min\\.\\)$`, -15],
    [-20, `^Signature not yet current: ${AMZ} is still later than ${AMZ} \\(${AMZ} \\+ 15 min\\.\\)$`, 15],
  ])('rejects a request signed by a clock %i minutes behind', async (minutes, pattern, bound) => {
    // The client's clock is wrong: moving the local ECR's clock moves everyone's (see clock.ts).
    const skewed = new ECRClient({ endpoint: h.ecr.endpoint, region: 'us-east-1', credentials: LEARNER, maxAttempts: 1, systemClockOffset: -minutes * 60_000 });
    {
      const err = await failure(skewed.send(new DescribeRepositoriesCommand({})));
      expect(err).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
      const [, signed, limit, now] = new RegExp(pattern).exec(err.message) ?? [];
      expect(amzToMs(limit) - amzToMs(now)).toBe(bound * 60_000);
      expect(Math.abs(amzToMs(now) - amzToMs(signed) - minutes * 60_000)).toBeLessThan(5000);
    }
  });

  it('keeps signatures valid when the clock moves: time passes for the client too', async () => {
    h.ecr.context.clock.advance(13 * 3_600_000);
    try {
      expect((await h.ecrAs(LEARNER).send(new DescribeRepositoriesCommand({}))).repositories).toBeDefined();
    } finally {
      h.ecr.context.clock.advance(-13 * 3_600_000);
    }
  });

  it('answers a request without Authorization with MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${h.ecr.endpoint}/`, {
      method: 'POST', body: '{}',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const res = await fetch(`${h.ecr.endpoint}/`, { method: 'POST', body: '{}', headers: { 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.Nope' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('simulated IAM', () => {
  it('lets the limited identity do what it is allowed', async () => {
    const out = await h.ecrAs(READER).send(new DescribeRepositoriesCommand({}));
    expect(out.repositories?.map((r) => r.repositoryName)).toEqual(['team/app']);
  });

  it('denies an action with no allowing policy', async () => {
    expect(await failure(h.ecrAs(READER).send(new PutLifecyclePolicyCommand({ repositoryName: 'team/app', lifecyclePolicyText: 'x'.repeat(100) })))).toEqual({
      name: 'AccessDeniedException', status: 400,
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ecr:PutLifecyclePolicy on resource: arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app because no identity-based policy allows the ecr:PutLifecyclePolicy action`,
    });
    expect(await failure(h.ecrAs(READER).send(new GetAuthorizationTokenCommand({})))).toEqual({
      name: 'AccessDeniedException', status: 400,
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    });
  });

  it('denies an explicitly denied action', async () => {
    expect(await failure(h.ecrAs(READER).send(new DeleteRepositoryCommand({ repositoryName: 'team/app' })))).toEqual({
      name: 'AccessDeniedException', status: 400,
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: ecr:DeleteRepository on resource: arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app with an explicit deny in an identity-based policy`,
    });
  });

  it('needs ecr:TagResource to tag on create', async () => {
    expect(await failure(h.ecrAs(READER).send(new CreateRepositoryCommand({ repositoryName: 'tagged', tags: [{ Key: 'a', Value: 'b' }] }))))
      .toMatchObject({ name: 'AccessDeniedException', status: 400 });
  });
});

describe('GetAuthorizationToken', () => {
  it('issues a 12-hour token for the emulator registry', async () => {
    const before = Date.now();
    const out = await h.client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    expect(data?.proxyEndpoint).toBe(`http://${h.ecr.registryHost}`);
    const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
    expect(decoded.split(':')).toHaveLength(2);
    const [user, password] = decoded.split(':');
    expect(user).toBe('AWS');
    expect(h.ecr.context.tokens.check(password, 'us-east-1', ACCOUNT, Date.now())).toEqual({ ok: true, accessKeyId: LEARNER.accessKeyId });
    const expires = data?.expiresAt?.getTime() ?? 0;
    expect(expires - before).toBeGreaterThanOrEqual(12 * 3600_000 - 1000);
    expect(expires - before).toBeLessThan(12 * 3600_000 + 60_000);
  });

  it('refuses malformed registry ids', async () => {
    expect(await failure(h.client.send(new GetAuthorizationTokenCommand({ registryIds: ['12345'] })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'registryIds' failed to satisfy constraint: 'Member must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]{12}]'",
    });
  });
});

describe('request log', () => {
  it('records each call with its caller and error code, and no secret', async () => {
    const entries = h.ecr.context.log.since(0);
    expect(entries).toContainEqual(expect.objectContaining({
      method: 'POST', path: '/ DeleteRepository', status: 400, errorCode: 'AccessDeniedException', api: 'ecr:DeleteRepository',
      caller: `arn:aws:iam::${ACCOUNT}:user/reader`, auth: 'AWS4-HMAC-SHA256',
    }));
    expect(entries).toContainEqual(expect.objectContaining({ path: '/ GetAuthorizationToken', status: 200, api: 'ecr:GetAuthorizationToken' }));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(EXAMPLE_SECRET_ACCESS_KEY);
    expect(text).not.toContain('Signature=');
    expect(text).not.toContain('QVdTOi');
  });
});
