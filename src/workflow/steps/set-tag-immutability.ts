// set-tag-immutability: PutImageTagMutability, read back with DescribeRepositories.
import type { StepImpl } from './scope.js';
import { text } from './scope.js';

export const setTagImmutability: StepImpl = async (s, p) => {
  const repositoryName = text(p, 'repository');
  const mutability = text(p, 'mutability') as 'MUTABLE' | 'IMMUTABLE';
  await s.ecr.putImageTagMutability({ repositoryName, imageTagMutability: mutability }, s.signal);
  const back = (await s.ecr.describeRepositories({ repositoryNames: [repositoryName] })).repositories?.[0];
  s.print(`${repositoryName}: imageTagMutability=${back?.imageTagMutability}`);
  return {
    summary: mutability === 'IMMUTABLE'
      ? `Tags in ${repositoryName} can no longer be overwritten: pushing an existing tag again now fails with "tag invalid".`
      : `Tags in ${repositoryName} may be moved to new images again.`,
    verified: [{ label: 'imageTagMutability', value: back?.imageTagMutability ?? '-' }],
  };
};
