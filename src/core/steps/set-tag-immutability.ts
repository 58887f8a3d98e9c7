// set-tag-immutability: switch the repository between mutable and immutable tags.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { mutability, repository } from './params.js';

export const setTagImmutability: StepDefinition = {
  id: 'set-tag-immutability', title: 'Tag immutability', summary: 'Switch the repository between mutable and immutable tags.',
  params: { repository, mutability: { ...mutability, default: 'IMMUTABLE' } },
  iamActions: ['ecr:PutImageTagMutability', 'ecr:DescribeRepositories'], changes: true,
  commands: (p, ctx) => [aws(ctx, 'ecr', ['put-image-tag-mutability', '--repository-name', String(p.repository),
    '--image-tag-mutability', String(p.mutability)])],
};
