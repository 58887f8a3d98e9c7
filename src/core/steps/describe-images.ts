// describe-images: what the repository holds.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository } from './params.js';

export const describeImages: StepDefinition = {
  id: 'describe-images', title: 'Describe images', summary: 'Read back what the repository holds.',
  params: { repository }, iamActions: ['ecr:DescribeImages'], changes: false,
  commands: (p, ctx) => [aws(ctx, 'ecr', ['describe-images', '--repository-name', String(p.repository)])],
};
