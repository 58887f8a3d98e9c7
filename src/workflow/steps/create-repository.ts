// create-repository: CreateRepository tagged created-by=ecr-lab, recorded in the ledger before
// the call (so an interruption can never leave a repository cleanup does not know), then read
// back with DescribeRepositories.
import type { LedgerEntry } from '../../state/ledger.js';
import { ledgerFailure } from './ledger-failure.js';
import type { StepImpl, StepScope } from './scope.js';
import { ecrForm, text } from './scope.js';

/** True when the repository is there already (then it is not ecr-lab's to record or delete). */
async function exists(s: StepScope, name: string): Promise<boolean> {
  try {
    await s.ecr.describeRepositories({ repositoryNames: [name] }, s.signal);
    return true;
  } catch (err) {
    // Not found, or not allowed to look: CreateRepository itself gives the answer that counts.
    if (s.signal?.aborted) throw err;
    return false;
  }
}

/** Writes the entry before the change; a ledger that cannot be written stops the step here. */
async function recordFirst(s: StepScope, entry: LedgerEntry): Promise<boolean> {
  try {
    return await s.ledger.record(entry);
  } catch (err) {
    throw ledgerFailure(err, s.ledger.file, 'nothing was created');
  }
}

/** ECR answered and refused (4xx): nothing was created. An interruption or a 5xx leaves it unknown. */
function isRefusal(err: unknown): boolean {
  const e = err as { $fault?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = e?.$metadata?.httpStatusCode;
  return e?.$fault === 'client' || (status !== undefined && status >= 400 && status < 500);
}

export const createRepository: StepImpl = async (s, p) => {
  const name = text(p, 'repository');
  const entry: LedgerEntry = {
    kind: 'repository', name, region: s.target.region, account: s.target.account, target: s.target.kind, createdAt: new Date().toISOString(),
  };
  const isAdded = !(await exists(s, name)) && await recordFirst(s, entry);
  let out;
  try {
    out = await s.ecr.createRepository({
      repositoryName: name,
      imageTagMutability: text(p, 'mutability') as 'MUTABLE' | 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: p.scanOnPush === true },
      encryptionConfiguration: { encryptionType: text(p, 'encryption') as 'AES256' | 'KMS' },
      tags: [{ Key: 'created-by', Value: 'ecr-lab' }],
    }, s.signal);
  } catch (err) {
    // Kept when the outcome is unknown (cancelled mid-call): cleanup finds it gone or deletes it.
    if (isAdded && isRefusal(err)) await s.ledger.remove(entry).catch(() => undefined);
    else if (isAdded) s.print(`interrupted mid-call: ECR may have created ${name}; the ledger keeps it, so ecr-lab cleanup deletes it if so`);
    throw err;
  }
  s.print(`repositoryArn: ${out.repository?.repositoryArn}`);
  s.print(`repositoryUri: ${out.repository?.repositoryUri}`);
  s.print(`ECR form: ${ecrForm(s.target, name)}`);
  const back = (await s.ecr.describeRepositories({ repositoryNames: [name] })).repositories?.[0];
  return {
    summary: `Repository ${name} exists now, empty: push an image to ${back?.repositoryUri}. ECR would not have created it on push.`,
    verified: [
      { label: 'repositoryUri', value: back?.repositoryUri ?? '-' },
      { label: 'imageTagMutability', value: back?.imageTagMutability ?? '-' },
      { label: 'scanOnPush', value: String(back?.imageScanningConfiguration?.scanOnPush ?? false) },
      { label: 'encryption', value: back?.encryptionConfiguration?.encryptionType ?? '-' },
      { label: 'ledger', value: `recorded in ${s.ledger.file}` },
    ],
  };
};
