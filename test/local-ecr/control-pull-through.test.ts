// Pull-through cache rules and repository creation templates through the real
// @aws-sdk/client-ecr against the local ECR, and the template a new repository gets.
import {
  CreatePullThroughCacheRuleCommand, CreateRepositoryCreationTemplateCommand, DeletePullThroughCacheRuleCommand,
  DeleteRepositoryCreationTemplateCommand, DescribePullThroughCacheRulesCommand, DescribeRepositoryCreationTemplatesCommand,
  UpdatePullThroughCacheRuleCommand, UpdateRepositoryCreationTemplateCommand, ValidatePullThroughCacheRuleCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryFromTemplate } from '../../src/local-ecr/creation-templates.js';
import { ACCOUNT, failure, READER, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
beforeAll(async () => { h = await startControlHarness(); });
afterAll(async () => { await h.close(); });

const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;
const PREFIX_RULE = "must satisfy regular expression '^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$'";
const LIFECYCLE = JSON.stringify({
  rules: [{ rulePriority: 1, description: 'keep ten', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } }],
});
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['ecr:BatchGetImage'] }],
});

describe('CreatePullThroughCacheRule', () => {
  it('creates a rule for ECR Public without credentials and echoes it', async () => {
    const out = await h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public',
    }));
    expect(out).toMatchObject({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public', registryId: ACCOUNT });
    expect(out.createdAt).toBeInstanceOf(Date);
  });

  it('needs a credentialArn for Docker Hub, GitHub, GitLab and Azure', async () => {
    for (const [upstreamRegistry, upstreamRegistryUrl] of [
      ['docker-hub', 'registry-1.docker.io'], ['github-container-registry', 'ghcr.io'],
      ['gitlab-container-registry', 'registry.gitlab.com'], ['azure-container-registry', 'myreg.azurecr.io'],
    ] as const) {
      const err = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'needs-secret', upstreamRegistryUrl, upstreamRegistry })));
      expect(err).toMatchObject({ name: 'InvalidParameterException', status: 400 });
      expect(err.message).toBe(`Invalid parameter: credentialArn is required for upstream registry '${upstreamRegistry}'`);
    }
    const out = await h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialArn: SECRET,
    }));
    expect(out.credentialArn).toBe(SECRET);
  });

  it('refuses a secret outside the ecr-pullthroughcache/ name prefix', async () => {
    const err = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'hub2', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub',
      credentialArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:dockerhub-credentials-AbCdEf`,
    })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain("Invalid parameter at 'credentialArn' failed to satisfy constraint: 'must satisfy regular expression");
  });

  it('validates the prefix pattern and length', async () => {
    const bad = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'Bad_Prefix', upstreamRegistryUrl: 'quay.io' })));
    expect(bad).toMatchObject({ name: 'InvalidParameterException', message: `Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: '${PREFIX_RULE}'` });
    const short = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'q', upstreamRegistryUrl: 'quay.io' })));
    expect(short.message).toBe("Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'Member must have length greater than or equal to 2'");
    const long = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'a'.repeat(31), upstreamRegistryUrl: 'quay.io' })));
    expect(long.message).toBe("Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'Member must have length less than or equal to 30'");
  });

  it('refuses an unknown upstream enum, and a URL that is not the upstream', async () => {
    const err = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'x1', upstreamRegistryUrl: 'quay.io', upstreamRegistry: 'harbor' as never,
    })));
    expect(err.message).toBe("Invalid parameter at 'upstreamRegistry' failed to satisfy constraint: 'Member must satisfy enum value set: [ecr, ecr-public, quay, k8s, docker-hub, github-container-registry, azure-container-registry, gitlab-container-registry, chainguard]'");
    const wrong = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'x1', upstreamRegistryUrl: 'docker.example.com', upstreamRegistry: 'quay',
    })));
    expect(wrong.name).toBe('UnsupportedUpstreamRegistryException');
  });

  it('infers the upstream from the URL when upstreamRegistry is left out', async () => {
    const out = await h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' }));
    expect(out.upstreamRegistry).toBe('quay');
  });

  it('keeps ROOT and upstreamRepositoryPrefix for ECR upstreams', async () => {
    const err = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ROOT', upstreamRegistryUrl: 'quay.io' })));
    expect(err.name).toBe('InvalidParameterException');
    const out = await h.client.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'mirror', upstreamRegistryUrl: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`, upstreamRegistry: 'ecr', upstreamRepositoryPrefix: 'prod',
    }));
    expect(out.upstreamRepositoryPrefix).toBe('prod');
  });

  it('refuses a second rule with the same prefix', async () => {
    const err = await failure(h.client.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' })));
    expect(err).toMatchObject({ name: 'PullThroughCacheRuleAlreadyExistsException', status: 400 });
  });

  it('is refused without ecr:CreatePullThroughCacheRule', async () => {
    const err = await failure(h.ecrAs(READER).send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'denied', upstreamRegistryUrl: 'quay.io' })));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain('ecr:CreatePullThroughCacheRule');
  });
});

describe('Describe, Update, Validate and DeletePullThroughCacheRule', () => {
  it('describes every rule, or the named ones, with updatedAt', async () => {
    const all = await h.client.send(new DescribePullThroughCacheRulesCommand({}));
    expect(all.pullThroughCacheRules?.map((r) => r.ecrRepositoryPrefix)).toEqual(['ecr-public', 'docker-hub', 'quay', 'mirror']);
    const one = await h.client.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['docker-hub'] }));
    expect(one.pullThroughCacheRules).toHaveLength(1);
    expect(one.pullThroughCacheRules?.[0]).toMatchObject({ upstreamRegistry: 'docker-hub', credentialArn: SECRET, registryId: ACCOUNT });
    expect(one.pullThroughCacheRules?.[0]?.updatedAt).toBeInstanceOf(Date);
    const page = await h.client.send(new DescribePullThroughCacheRulesCommand({ maxResults: 2 }));
    expect(page.pullThroughCacheRules).toHaveLength(2);
    expect(page.nextToken).toBeDefined();
    const missing = await failure(h.client.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['nothing'] })));
    expect(missing.name).toBe('PullThroughCacheRuleNotFoundException');
  });

  it('updates the secret of a rule, and refuses an unknown one', async () => {
    const secret = `${SECRET}-2`;
    const out = await h.client.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'docker-hub', credentialArn: secret }));
    expect(out).toMatchObject({ ecrRepositoryPrefix: 'docker-hub', credentialArn: secret, registryId: ACCOUNT });
    expect(out.updatedAt).toBeInstanceOf(Date);
    const err = await failure(h.client.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'nothing', credentialArn: secret })));
    expect(err).toMatchObject({ name: 'PullThroughCacheRuleNotFoundException', message: `The pull through cache rule with prefix 'nothing' does not exist in the registry with id '${ACCOUNT}'` });
  });

  it('validates a rule: valid where ecr-lab ships the upstream, a failure where it does not', async () => {
    const hub = await h.client.send(new ValidatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'docker-hub' }));
    expect(hub).toMatchObject({ isValid: true, upstreamRegistryUrl: 'registry-1.docker.io', registryId: ACCOUNT });
    expect(hub.failure).toBeUndefined();
    const quay = await h.client.send(new ValidatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay' }));
    expect(quay.isValid).toBe(false);
    expect(quay.failure).toContain('simulated');
    const err = await failure(h.client.send(new ValidatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'nothing' })));
    expect(err.name).toBe('PullThroughCacheRuleNotFoundException');
  });

  it('deletes a rule and answers what it was', async () => {
    const out = await h.client.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay' }));
    expect(out).toMatchObject({ ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io', registryId: ACCOUNT });
    const again = await failure(h.client.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay' })));
    expect(again.name).toBe('PullThroughCacheRuleNotFoundException');
  });
});

describe('repository creation templates', () => {
  it('creates a template with every setting and echoes it', async () => {
    const out = await h.client.send(new CreateRepositoryCreationTemplateCommand({
      prefix: 'docker-hub', description: 'cached from Docker Hub', appliedFor: ['PULL_THROUGH_CACHE'],
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }],
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
      resourceTags: [{ Key: 'source', Value: 'docker-hub' }], repositoryPolicy: POLICY, lifecyclePolicy: LIFECYCLE,
    }));
    expect(out.registryId).toBe(ACCOUNT);
    expect(out.repositoryCreationTemplate).toMatchObject({
      prefix: 'docker-hub', description: 'cached from Docker Hub', appliedFor: ['PULL_THROUGH_CACHE'],
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', resourceTags: [{ Key: 'source', Value: 'docker-hub' }],
      repositoryPolicy: POLICY, lifecyclePolicy: LIFECYCLE,
    });
    expect(out.repositoryCreationTemplate?.createdAt).toBeInstanceOf(Date);
  });

  it('defaults to MUTABLE and AES256, and takes ROOT', async () => {
    const out = await h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ROOT', appliedFor: ['PULL_THROUGH_CACHE', 'REPLICATION'] }));
    expect(out.repositoryCreationTemplate).toMatchObject({ prefix: 'ROOT', imageTagMutability: 'MUTABLE', encryptionConfiguration: { encryptionType: 'AES256' } });
  });

  it('validates appliedFor, the prefix, filters and policies', async () => {
    const noApplied = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'x', appliedFor: undefined as never })));
    expect(noApplied.message).toBe("Invalid parameter at 'appliedFor' failed to satisfy constraint: 'Member must not be null'");
    const badApplied = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'x', appliedFor: ['ON_PULL' as never] })));
    expect(badApplied.message).toBe("Invalid parameter at 'appliedFor' failed to satisfy constraint: 'Member must satisfy enum value set: [REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH]'");
    const badPrefix = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'Team', appliedFor: ['REPLICATION'] })));
    expect(badPrefix.message).toBe(`Invalid parameter at 'prefix' failed to satisfy constraint: '${PREFIX_RULE}'`);
    const noFilters = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'x', appliedFor: ['REPLICATION'], imageTagMutability: 'MUTABLE_WITH_EXCLUSION' })));
    expect(noFilters.message).toBe("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as MUTABLE_WITH_EXCLUSION'");
    const badPolicy = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'x', appliedFor: ['REPLICATION'], repositoryPolicy: '{"Statement":' })));
    expect(badPolicy.message).toBe("Invalid parameter at 'repositoryPolicy' failed to satisfy constraint: 'Invalid repository policy provided'");
    const badLifecycle = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'x', appliedFor: ['REPLICATION'], lifecyclePolicy: '{"rules":[{"rulePriority":1}]}' })));
    expect(badLifecycle.message).toContain('Lifecycle policy validation failure');
  });

  it('refuses a second template for a prefix', async () => {
    const err = await failure(h.client.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ROOT', appliedFor: ['REPLICATION'] })));
    expect(err).toMatchObject({ name: 'TemplateAlreadyExistsException', status: 400 });
  });

  it('describes all templates or the named ones', async () => {
    const all = await h.client.send(new DescribeRepositoryCreationTemplatesCommand({}));
    expect(all.registryId).toBe(ACCOUNT);
    expect(all.repositoryCreationTemplates?.map((t) => t.prefix)).toEqual(['docker-hub', 'ROOT']);
    const one = await h.client.send(new DescribeRepositoryCreationTemplatesCommand({ prefixes: ['ROOT'] }));
    expect(one.repositoryCreationTemplates?.map((t) => t.prefix)).toEqual(['ROOT']);
  });

  it('updates only what it names, and refuses an unknown prefix', async () => {
    const out = await h.client.send(new UpdateRepositoryCreationTemplateCommand({ prefix: 'ROOT', imageTagMutability: 'IMMUTABLE' }));
    expect(out.repositoryCreationTemplate).toMatchObject({ prefix: 'ROOT', imageTagMutability: 'IMMUTABLE', appliedFor: ['PULL_THROUGH_CACHE', 'REPLICATION'] });
    const err = await failure(h.client.send(new UpdateRepositoryCreationTemplateCommand({ prefix: 'nothing', imageTagMutability: 'IMMUTABLE' })));
    expect(err).toMatchObject({ name: 'TemplateNotFoundException', message: `The repository creation template with prefix 'nothing' does not exist in the registry with id '${ACCOUNT}'` });
  });

  it('gives a new repository the longest matching template, else ROOT, for its scenario only', async () => {
    const ctx = h.ecr.context;
    const hub = repositoryFromTemplate(ctx, 'docker-hub/library/alpine', 'PULL_THROUGH_CACHE', 1000);
    expect(hub).toMatchObject({
      name: 'docker-hub/library/alpine', createdAt: 1000, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }], encryptionType: 'KMS',
      kmsKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      tags: [{ Key: 'source', Value: 'docker-hub' }], repositoryPolicy: POLICY, lifecyclePolicy: { text: LIFECYCLE },
    });
    expect(repositoryFromTemplate(ctx, 'other/app', 'PULL_THROUGH_CACHE', 1000)).toMatchObject({ imageTagMutability: 'IMMUTABLE', encryptionType: 'AES256' });
    expect(repositoryFromTemplate(ctx, 'docker-hubx/app', 'REPLICATION', 1000)).toMatchObject({ imageTagMutability: 'IMMUTABLE' });
    expect(repositoryFromTemplate(ctx, 'docker-hub/app', 'CREATE_ON_PUSH', 1000)).toBeUndefined();
  });

  it('keeps exclusion filters an update does not name, and gives KMS without a key the AWS managed key', async () => {
    const out = await h.client.send(new UpdateRepositoryCreationTemplateCommand({ prefix: 'docker-hub', encryptionConfiguration: { encryptionType: 'KMS' } }));
    expect(out.repositoryCreationTemplate).toMatchObject({
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }],
      encryptionConfiguration: { encryptionType: 'KMS' },
    });
    const repo = repositoryFromTemplate(h.ecr.context, 'docker-hub/library/alpine', 'PULL_THROUGH_CACHE', 1000);
    expect(repo?.kmsKey).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`));
  });

  it('deletes a template and answers what it was', async () => {
    const out = await h.client.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'ROOT' }));
    expect(out.repositoryCreationTemplate?.prefix).toBe('ROOT');
    const again = await failure(h.client.send(new DeleteRepositoryCreationTemplateCommand({ prefix: 'ROOT' })));
    expect(again.name).toBe('TemplateNotFoundException');
    expect(repositoryFromTemplate(h.ecr.context, 'other/app', 'PULL_THROUGH_CACHE', 1000)).toBeUndefined();
  });
});
