// describe-repositories: every repository in the registry, or one by name.
import type { StepImpl } from './scope.js';
import { iso, text } from './scope.js';

export const describeRepositories: StepImpl = async (s, p) => {
  const name = text(p, 'repository');
  const out = await s.ecr.describeRepositories(name ? { repositoryNames: [name] } : {}, s.signal);
  const repos = out.repositories ?? [];
  for (const r of repos) {
    s.print(`${r.repositoryName}  ${r.repositoryUri}  ${r.imageTagMutability}  scanOnPush=${r.imageScanningConfiguration?.scanOnPush ?? false}  created ${iso(r.createdAt)}`);
  }
  if (repos.length === 0) s.print('(no repositories in this registry)');
  const where = `in account ${s.target.account}, region ${s.target.region}`;
  return {
    // Asked by name, the answer is that repository, not a count of the registry's.
    summary: name
      ? `${name} is ${where}: ${repos[0]?.repositoryUri ?? ''}.`
      : `${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'} ${where}.`,
    verified: [{ label: 'repositories', value: String(repos.length) }],
  };
};
