// pull-image: by tag (then checked against DescribeImages), or by the digest DescribeImages
// reports; read back from the engine's image store either way.
import { equivalentCommands, shellQuote } from '../../core/commands.js';
import { StepFailure } from '../errors.js';
import type { StepImpl, StepScope } from './scope.js';
import { ecrForm, text } from './scope.js';

async function digestOf(s: StepScope, repositoryName: string, imageTag: string): Promise<string> {
  const detail = (await s.ecr.describeImages({ repositoryName, imageIds: [{ imageTag }] }, s.signal)).imageDetails?.[0];
  return detail?.imageDigest ?? '';
}

export const pullImage: StepImpl = async (s, p) => {
  const [repository, tag] = [text(p, 'repository'), text(p, 'tag')];
  const byDigest = p.by === 'digest';
  const known = byDigest ? await digestOf(s, repository, tag) : undefined;
  const ref = known ? `${s.target.registry}/${repository}@${known}` : `${s.target.registry}/${repository}:${tag}`;
  await s.engine.pull(ref, s.io);
  const digest = known ?? await digestOf(s, repository, tag);
  const image = await s.engine.inspect(ref);
  const repoDigest = `${s.target.registry}/${repository}@${digest}`;
  if (!image?.repoDigests.includes(repoDigest)) throw new StepFailure('PullNotVerified', `after the pull, ${ref} is not known locally as ${repoDigest}`);
  s.print(`ECR form: ${ecrForm(s.target, repository, `@${digest}`)}`);
  return {
    summary: byDigest
      ? 'Pulled by digest: exactly these bytes, whatever tags move later. This is the reference to pin in ECS, EKS or Lambda.'
      : `Pulled ${repository}:${tag} (${digest}); a tag can move, so production should pin the digest.`,
    verified: [{ label: 'local image id', value: image.id }, { label: 'repo digest (DescribeImages)', value: repoDigest }],
    commands: byDigest ? [...equivalentCommands('describe-images', { repository }, s.target), `docker pull ${shellQuote(ref)}`] : undefined,
  };
};
