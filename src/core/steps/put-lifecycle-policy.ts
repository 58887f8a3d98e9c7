// put-lifecycle-policy: the course's lifecycle policy, previewed before it is applied.
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
      { rulePriority: 1, description: `Expire untagged images older than ${untaggedDays} ${untaggedDays === 1 ? 'day' : 'days'}`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
        action: { type: 'expire' } },
      { rulePriority: 2, description: `Keep only the newest ${keep} ${keep === 1 ? 'image' : 'images'}`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
        action: { type: 'expire' } },
    ],
  });
}

export const putLifecyclePolicy: StepDefinition = {
  id: 'put-lifecycle-policy', title: 'Lifecycle policy', summary: 'Preview a lifecycle policy, see what it would expire, then set it.',
  params: {
    repository,
    keep: { type: 'number', default: 3, description: 'how many tagged images to keep' },
    untaggedDays: { type: 'number', default: 1, description: 'expire untagged images older than this many days' },
  },
  iamActions: ['ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview'], changes: true,
  commands: (p, ctx) => {
    const repo = String(p.repository);
    // Preview the new text first (nothing is applied), then apply it.
    const policy = lifecyclePolicyText(Number(p.keep), Number(p.untaggedDays));
    return [
      aws(ctx, 'ecr', ['start-lifecycle-policy-preview', '--repository-name', repo, '--lifecycle-policy-text', policy]),
      aws(ctx, 'ecr', ['wait', 'lifecycle-policy-preview-complete', '--repository-name', repo]),
      aws(ctx, 'ecr', ['get-lifecycle-policy-preview', '--repository-name', repo]),
      aws(ctx, 'ecr', ['put-lifecycle-policy', '--repository-name', repo, '--lifecycle-policy-text', policy]),
    ];
  },
};
