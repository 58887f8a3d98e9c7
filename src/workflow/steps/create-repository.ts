// create-repository: CreateRepository tagged created-by=ecr-lab, recorded in the ledger at
// once, then read back with DescribeRepositories.
import type { StepImpl } from './scope.js';
import { ecrForm, text } from './scope.js';

export const createRepository: StepImpl = async (s, p) => {
  const name = text(p, 'repository');
  const out = await s.ecr.createRepository({
    repositoryName: name,
    imageTagMutability: text(p, 'mutability') as 'MUTABLE' | 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: p.scanOnPush === true },
    encryptionConfiguration: { encryptionType: text(p, 'encryption') as 'AES256' | 'KMS' },
    tags: [{ Key: 'created-by', Value: 'ecr-lab' }],
  }, s.signal);
  // Recorded before anything else can fail or be cancelled: the repository exists now.
  await s.ledger.record({
    kind: 'repository', name, region: s.target.region, account: s.target.account, target: s.target.kind, createdAt: new Date().toISOString(),
  });
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
