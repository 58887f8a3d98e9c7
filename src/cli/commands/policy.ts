// `ecr-lab policy [steps...|all]`: prints the least-privilege IAM policy the steps need, as
// JSON for `aws iam put-user-policy --policy-document file://...`. Account and region are the
// local ECR's defaults, or with --live those of your credentials (STS and the SDK's region).
import { DEFAULT_ACCOUNT, DEFAULT_REGION, STEP_IDS } from '../../core/steps.js';
import { policyFor, policySteps } from '../../core/iam-policy.js';
import { UsageError } from '../errors.js';
import { openTarget, type TargetFlags } from '../target.js';

type Opts = TargetFlags & { repo?: string; account?: string };

export async function policy(steps: readonly string[], opts: Opts): Promise<number> {
  if (steps.length > 1 && steps.includes('all')) throw new UsageError(`'all' is every step and cannot be mixed with step names (${STEP_IDS.join(', ')})`);
  try {
    policySteps(steps);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; steps are: ${STEP_IDS.join(', ')} (or all)`);
  }
  if (opts.account !== undefined && !/^\d{12}$/.test(opts.account)) throw new UsageError(`--account ${opts.account} must be 12 digits`);
  if (opts.account !== undefined && opts.live) throw new UsageError('--account goes without --live (live, it is the account of your credentials)');
  let { region, account } = { region: opts.region ?? DEFAULT_REGION, account: opts.account ?? DEFAULT_ACCOUNT };
  if (opts.live) {
    const target = await openTarget({ live: true, profile: opts.profile, region: opts.region });
    ({ region, account } = target.context);
    await target.close();
  }
  const doc = policyFor(steps, { region, account, repository: opts.repo ?? 'ecr-lab/demo' });
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  return 0;
}
