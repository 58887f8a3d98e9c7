// pull-through-cache: a rule for ECR Public, a pull through it, and the repository ECR made for it.
import { aws, docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';

export const pullThroughCache: StepDefinition = {
  id: 'pull-through-cache', title: 'Pull through cache',
  summary: 'Create a pull through cache rule for ECR Public, pull an image through it, and read back the repository ECR created for it.',
  params: {
    prefix: { type: 'string', default: 'ecr-public', description: 'repository prefix of the rule' },
    upstreamRepository: { type: 'string', default: 'amazonlinux/amazonlinux', description: 'repository in ECR Public' },
    upstreamTag: { type: 'string', default: '2023', description: 'tag to pull' },
  },
  iamActions: ['ecr:CreatePullThroughCacheRule', 'ecr:DescribePullThroughCacheRules', 'ecr:GetAuthorizationToken', 'ecr:BatchGetImage',
    'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage', 'ecr:CreateRepository', 'ecr:DescribeRepositories', 'ecr:DescribeImages'],
  cleanupIamActions: ['ecr:DeletePullThroughCacheRule'], changes: true, isInRunAll: false,
  // ECR creates the cached repositories under the rule's prefix, not the course's repository.
  iamScope: { sid: 'EcrLabPullThroughCache', repository: (p) => `${p.prefix}/*` },
  commands: (p, ctx) => {
    const cached = `${p.prefix}/${p.upstreamRepository}`;
    return [
      aws(ctx, 'ecr', ['create-pull-through-cache-rule', '--ecr-repository-prefix', String(p.prefix), '--upstream-registry-url', 'public.ecr.aws']),
      docker(['pull', imageRef(ctx, cached, String(p.upstreamTag))]),
      aws(ctx, 'ecr', ['describe-repositories', '--repository-names', cached]),
      aws(ctx, 'ecr', ['describe-pull-through-cache-rules', '--ecr-repository-prefixes', String(p.prefix)]),
    ];
  },
};
