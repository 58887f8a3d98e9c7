// put-lifecycle-policy: the course's lifecycle policy, and a preview of what it would expire.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository } from './params.js';

/**
 * The lifecycle policy the course applies: expire untagged images after `untaggedDays` days,
 * and keep only the newest `keep` images of any tag status (that rule must come last).
 */
export function lifecyclePolicyText(keep: number, untaggedDays: number): string {
  return JSON.stringify({
    rules: [
      { rulePriority: 1, description: `Expire untagged images older than ${untaggedDays} days`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
        action: { type: 'expire' } },
      { rulePriority: 2, description: `Keep only the newest ${keep} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
        action: { type: 'expire' } },
    ],
  });
}

export const putLifecyclePolicy: StepDefinition = {
  id: 'put-lifecycle-policy', title: 'Lifecycle policy', summary: 'Set a lifecycle policy and preview what it would expire.',
  params: {
    repository,
    keep: { type: 'number', default: 3, description: 'how many tagged images to keep' },
    untaggedDays: { type: 'number', default: 1, description: 'expire untagged images older than this many days' },
  },
  iamActions: ['ecr:PutLifecyclePolicy', 'ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview'], changes: true,
  commands: (p, ctx) => {
    const repo = String(p.repository);
    return [
      aws(ctx, 'ecr', ['put-lifecycle-policy', '--repository-name', repo, '--lifecycle-policy-text',
        lifecyclePolicyText(Number(p.keep), Number(p.untaggedDays))]),
      aws(ctx, 'ecr', ['start-lifecycle-policy-preview', '--repository-name', repo]),
      aws(ctx, 'ecr', ['get-lifecycle-policy-preview', '--repository-name', repo]),
    ];
  },
};
