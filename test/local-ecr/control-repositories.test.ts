// Repository operations through the real @aws-sdk/client-ecr against the local ECR.
import {
  CreateRepositoryCommand, DeleteRepositoryCommand, DescribeRepositoriesCommand, ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand, PutImageTagMutabilityCommand, RepositoryNotFoundException, TagResourceCommand,
  UntagResourceCommand, type ImageTagMutability,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, failure, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
beforeAll(async () => { h = await startControlHarness(); });
afterAll(async () => { await h.close(); });

const NAME_CONSTRAINT = "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''";

describe('CreateRepository', () => {
  it('returns the repository with defaults, a URI on the emulator and an epoch createdAt', async () => {
    const out = await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.repository).toMatchObject({
      repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app`, registryId: ACCOUNT, repositoryName: 'team/app',
      repositoryUri: `${h.ecr.registryHost}/team/app`, imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: false }, encryptionConfiguration: { encryptionType: 'AES256' },
    });
    expect(out.repository?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs((out.repository?.createdAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('takes mutability, scan on push, encryption and tags', async () => {
    const out = await h.client.send(new CreateRepositoryCommand({
      repositoryName: 'locked', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'KMS' }, tags: [{ Key: 'team', Value: 'blue' }],
    }));
    expect(out.repository).toMatchObject({ imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: { encryptionType: 'KMS' } });
    const tags = await h.client.send(new ListTagsForResourceCommand({ resourceArn: out.repository?.repositoryArn }));
    expect(tags.tags).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('refuses a second repository with the same name', async () => {
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' })))).toEqual({
      name: 'RepositoryAlreadyExistsException', status: 400,
      message: `The repository with name 'team/app' already exists in the registry with id '${ACCOUNT}'`,
    });
  });

  it.each([['Demo'], ['a'], ['-lead'], ['trailing/'], ['x'.repeat(257)]])('refuses the bad name %j', async (name) => {
    const err = await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: name })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.status).toBe(400);
    if (name.length >= 2 && name.length <= 256) expect(err.message).toBe(NAME_CONSTRAINT);
    else expect(err.message).toMatch(/^Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must have length/);
  });

  it('accepts the names the newest model allows', async () => {
    for (const name of ['a1', 'a__b', 'a--b/c.d']) {
      await h.client.send(new CreateRepositoryCommand({ repositoryName: name }));
    }
  });

  it('refuses an unknown enum value', async () => {
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'enum', imageTagMutability: 'SOMETIMES' as ImageTagMutability })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'",
    });
  });

  it('refuses bad tags', async () => {
    const long = await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'tags', tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })));
    expect(long).toMatchObject({ name: 'InvalidTagParameterException', status: 400 });
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'tags', tags: many })))).toMatchObject({ name: 'TooManyTagsException', status: 400 });
  });
});

describe('DescribeRepositories', () => {
  it('names a missing repository', async () => {
    const err = await h.client.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app', 'nope'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryNotFoundException);
    expect((err as Error).message).toBe(`The repository with name 'nope' does not exist in the registry with id '${ACCOUNT}'`);
  });

  it('pages with nextToken', async () => {
    const all = await h.client.send(new DescribeRepositoriesCommand({}));
    const names = all.repositories?.map((r) => r.repositoryName) ?? [];
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(all.nextToken).toBeUndefined();
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(new DescribeRepositoriesCommand({ maxResults: 2, nextToken }));
      expect(page.repositories?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.repositories?.map((r) => r.repositoryName ?? '') ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(names);
  });

  it.each([[0, 'greater than or equal to 1'], [1001, 'less than or equal to 1000']])('refuses maxResults %i', async (maxResults, text) => {
    expect(await failure(h.client.send(new DescribeRepositoriesCommand({ maxResults })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: `Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value ${text}'`,
    });
  });

  it('refuses a registry id that is not 12 digits', async () => {
    expect(await failure(h.client.send(new DescribeRepositoriesCommand({ registryId: '123' })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular expression [0-9]{12}'",
    });
  });
});

describe('settings and tags', () => {
  it('changes tag mutability and scanning configuration', async () => {
    const m = await h.client.send(new PutImageTagMutabilityCommand({ repositoryName: 'team/app', imageTagMutability: 'IMMUTABLE' }));
    expect(m).toMatchObject({ registryId: ACCOUNT, repositoryName: 'team/app', imageTagMutability: 'IMMUTABLE' });
    await h.client.send(new PutImageTagMutabilityCommand({ repositoryName: 'team/app', imageTagMutability: 'MUTABLE' }));
    const s = await h.client.send(new PutImageScanningConfigurationCommand({ repositoryName: 'team/app', imageScanningConfiguration: { scanOnPush: true } }));
    expect(s).toMatchObject({ repositoryName: 'team/app', imageScanningConfiguration: { scanOnPush: true } });
    const d = await h.client.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app'] }));
    expect(d.repositories?.[0]).toMatchObject({ imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: true } });
    expect(await failure(h.client.send(new PutImageTagMutabilityCommand({ repositoryName: 'nope', imageTagMutability: 'MUTABLE' }))))
      .toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });
  });

  it('tags, untags and lists tags', async () => {
    const resourceArn = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app`;
    await h.client.send(new TagResourceCommand({ resourceArn, tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await h.client.send(new TagResourceCommand({ resourceArn, tags: [{ Key: 'a', Value: '3' }] }));
    await h.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['b'] }));
    expect((await h.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual([{ Key: 'a', Value: '3' }]);
    const missing = await failure(h.client.send(new ListTagsForResourceCommand({ resourceArn: `${resourceArn}-gone` })));
    expect(missing).toEqual({ name: 'RepositoryNotFoundException', status: 400, message: `The repository with name 'team/app-gone' does not exist in the registry with id '${ACCOUNT}'` });
  });
});

describe('DeleteRepository', () => {
  it('refuses a repository with images unless forced', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'full' }));
    await h.pushImage('full', 'v1', 'full');
    expect(await failure(h.client.send(new DeleteRepositoryCommand({ repositoryName: 'full' })))).toEqual({
      name: 'RepositoryNotEmptyException', status: 400,
      message: `The repository with name 'full' in registry with id '${ACCOUNT}' cannot be deleted because it still contains images`,
    });
    const out = await h.client.send(new DeleteRepositoryCommand({ repositoryName: 'full', force: true }));
    expect(out.repository?.repositoryName).toBe('full');
    expect(await failure(h.client.send(new DeleteRepositoryCommand({ repositoryName: 'full' })))).toEqual({
      name: 'RepositoryNotFoundException', status: 400,
      message: `The repository with name 'full' does not exist in the registry with id '${ACCOUNT}'`,
    });
  });
});
