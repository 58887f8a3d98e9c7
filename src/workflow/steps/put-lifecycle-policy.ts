// put-lifecycle-policy: apply the policy, read it back, and preview what it would expire.
import { lifecyclePolicyText } from '../../core/commands.js';
import type { StepImpl } from './scope.js';
import { iso, poll, text } from './scope.js';

export const putLifecyclePolicy: StepImpl = async (s, p) => {
  const repositoryName = text(p, 'repository');
  const policy = lifecyclePolicyText(Number(p.keep), Number(p.untaggedDays));
  await s.ecr.putLifecyclePolicy({ repositoryName, lifecyclePolicyText: policy }, s.signal);
  const stored = await s.ecr.getLifecyclePolicy({ repositoryName }, s.signal);
  s.print(`policy: ${stored.lifecyclePolicyText}`);
  await s.ecr.startLifecyclePolicyPreview({ repositoryName }, s.signal);
  const preview = await poll(s, () => s.ecr.getLifecyclePolicyPreview({ repositoryName }, s.signal), (r) => r.status !== 'IN_PROGRESS');
  const results = preview.previewResults ?? [];
  for (const r of results) {
    s.print(`would expire ${r.imageDigest} (${r.imageTags?.join(', ') || 'untagged'}, pushed ${iso(r.imagePushedAt)}) by rule ${r.appliedRulePriority}`);
  }
  const count = preview.summary?.expiringImageTotalCount ?? results.length;
  if (count === 0) s.print('preview: no image would expire now');
  return {
    summary: `Policy set on ${repositoryName}; the preview (${preview.status}) says ${count} image${count === 1 ? '' : 's'} would expire. ECR applies it within 24 hours.`,
    verified: [
      { label: 'policy stored', value: stored.lifecyclePolicyText === undefined ? 'no' : 'yes (GetLifecyclePolicy)' },
      { label: 'preview status', value: String(preview.status) },
      { label: 'would expire', value: String(count) },
    ],
  };
};
