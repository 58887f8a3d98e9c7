// put-lifecycle-policy: preview the new policy's text first (StartLifecyclePolicyPreview takes
// it without applying it), show what it would expire, and only then apply it and read it back.
// When the preview would expire images, the learner is asked again before the policy is set.
import { lifecyclePolicyText } from '../../core/commands.js';
import type { StepImpl, StepScope } from './scope.js';
import { iso, poll, text } from './scope.js';
import { plural } from '../../core/plural.js';


/**
 * Whether to apply the policy: at once when a complete preview expires nothing, else only when
 * the learner says so (no way to ask means no).
 */
async function mayApply(s: StepScope, count: number, status: string): Promise<boolean> {
  if (count === 0 && status === 'COMPLETE') return true;
  if (!s.confirm) return false;
  const said = status === 'COMPLETE'
    ? `The preview says ${plural(count, 'image')} would expire (deleted for good) once the policy is applied.`
    : `The preview ended ${status}, so what the policy would expire is not known.`;
  return s.confirm({ stepId: 'put-lifecycle-policy', description: `${said} Apply it?`, iamActions: ['ecr:PutLifecyclePolicy'] });
}

export const putLifecyclePolicy: StepImpl = async (s, p) => {
  const repositoryName = text(p, 'repository');
  const policy = lifecyclePolicyText(Number(p.keep), Number(p.untaggedDays));
  s.print('preview first: the policy is not applied yet');
  await s.ecr.startLifecyclePolicyPreview({ repositoryName, lifecyclePolicyText: policy }, s.signal);
  const preview = await poll(s, () => s.ecr.getLifecyclePolicyPreview({ repositoryName }, s.signal), (r) => r.status !== 'IN_PROGRESS');
  const results = preview.previewResults ?? [];
  for (const r of results) {
    s.print(`would expire ${r.imageTags?.join(', ') || 'an untagged image'} (${r.imageDigest}, pushed ${iso(r.imagePushedAt)}) by rule ${r.appliedRulePriority}`);
  }
  const count = preview.summary?.expiringImageTotalCount ?? results.length;
  if (count === 0) s.print('preview: no image would expire now');
  const previewed = [
    { label: 'preview status', value: String(preview.status) },
    { label: 'would expire', value: String(count) },
  ];
  if (!(await mayApply(s, count, String(preview.status)))) {
    return {
      summary: `Previewed only: ${plural(count, 'image')} would expire, so this policy was not applied and expires nothing.`,
      verified: [...previewed, { label: 'policy stored', value: 'no (not applied)' }],
    };
  }
  await s.ecr.putLifecyclePolicy({ repositoryName, lifecyclePolicyText: policy }, s.signal);
  const stored = await s.ecr.getLifecyclePolicy({ repositoryName }, s.signal);
  s.print(`policy: ${stored.lifecyclePolicyText}`);
  return {
    summary: `Previewed, then set on ${repositoryName}: the preview (${preview.status}) said ${plural(count, 'image')} would expire. ECR applies the policy within 24 hours.`,
    verified: [
      ...previewed,
      { label: 'policy stored', value: stored.lifecyclePolicyText === undefined ? 'no' : 'yes (GetLifecyclePolicy)' },
    ],
  };
};
