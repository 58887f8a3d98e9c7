// describe-repositories: the repositories in the registry, or one of them.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository } from './params.js';

export const describeRepositories: StepDefinition = {
  id: 'describe-repositories', title: 'List repositories', summary: 'Describe the repositories in the registry.',
  params: { repository: { ...repository, default: '' } }, iamActions: ['ecr:DescribeRepositories'], changes: false,
  commands: (p, ctx) => {
    const repo = String(p.repository);
    return [aws(ctx, 'ecr', repo ? ['describe-repositories', '--repository-names', repo] : ['describe-repositories'])];
  },
};
