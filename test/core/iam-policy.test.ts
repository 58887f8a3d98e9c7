// The policy `ecr-lab policy` prints: built from the step cards' iamActions, GetAuthorizationToken
// on "*", the listing on repository/*, the rest on the one repository.
import { describe, expect, it } from 'vitest';
import { policyFor, policySteps } from '../../src/core/iam-policy.js';
import { RUN_ALL_IDS, stepDefinition } from '../../src/core/steps.js';

const scope = { region: 'eu-west-1', account: '210987654321', repository: 'team/app' };
const REPO = 'arn:aws:ecr:eu-west-1:210987654321:repository/team/app';

describe('policyFor', () => {
  it('login and push: the token on "*", AWS\'s six push actions and the read-back on the repository', () => {
    expect(policyFor(['login', 'push-image'], scope)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'EcrLabRegistryToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
        { Sid: 'EcrLabRepository', Effect: 'Allow', Resource: REPO, Action: [
          'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:DescribeImages',
          'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'] },
      ],
    });
  });

  it('a pull through cache with cleanup: DeletePullThroughCacheRule on "*", which cleanup alone does not need', () => {
    const wide = (ids: string[]) => policyFor(ids, scope).Statement.find((s) => s.Resource === '*')?.Action ?? [];
    expect(wide(['pull-through-cache', 'cleanup'])).toContain('ecr:DeletePullThroughCacheRule');
    expect(wide(['pull-through-cache'])).not.toContain('ecr:DeletePullThroughCacheRule');
    expect(wide(['cleanup'])).not.toContain('ecr:DeletePullThroughCacheRule');
  });

  it('all: every action any step card lists, each once, DescribeRepositories on repository/*', () => {
    const doc = policyFor(['all'], scope);
    const granted = doc.Statement.flatMap((s) => s.Action);
    const listed = new Set(RUN_ALL_IDS.flatMap((id) => stepDefinition(id)!.iamActions));
    expect(new Set(granted)).toEqual(listed);
    expect(granted).toHaveLength(listed.size);
    expect(doc.Statement.find((s) => s.Action.includes('ecr:DescribeRepositories'))?.Resource).toBe('arn:aws:ecr:eu-west-1:210987654321:repository/*');
    expect(granted).not.toContain('ecr:BatchDeleteImage');
  });

  it('steps that need nothing from IAM give an empty policy', () => {
    expect(policyFor(['whoami', 'build-image'], scope).Statement).toEqual([]);
  });

  it('orders the steps as the seminar does and refuses unknown ones', () => {
    expect(policySteps(['pull-image', 'login'])).toEqual(['login', 'pull-image']);
    expect(policySteps([])).toEqual(RUN_ALL_IDS);
    expect(() => policySteps(['nope'])).toThrow("unknown step 'nope'");
  });
});
