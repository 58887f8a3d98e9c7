// cleanup: delete what ecr-lab created, and nothing else.
import { aws } from '../shell-words.js';
import type { StepDefinition, TargetContext } from '../step-types.js';
import { repository } from './params.js';

export const cleanup: StepDefinition = {
  id: 'cleanup', title: 'Clean up', summary: 'Delete what ecr-lab created, and nothing else.',
  params: { repository }, iamActions: ['ecr:DescribeRepositories', 'ecr:DeleteRepository'], changes: true,
  commands: (p, ctx) => [aws(ctx, 'ecr', ['delete-repository', '--repository-name', String(p.repository), '--force'])],
};

/** The command that deletes a pull through cache rule ecr-lab created (cleanup does it through the API). */
export function deleteRuleCommand(ctx: TargetContext, prefix: string): string {
  return aws(ctx, 'ecr', ['delete-pull-through-cache-rule', '--ecr-repository-prefix', prefix]);
}
