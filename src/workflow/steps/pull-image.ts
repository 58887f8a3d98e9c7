// pull-image: by tag (then checked against DescribeImages), or by the digest DescribeImages
// reports; read back from the engine's image store either way. The local name is removed
// first (`docker rmi` of that one reference, never another image), as lesson 8 says, so the
// pull has something to do; the summary says how many layers really came down.
import { equivalentCommands, shellQuote } from '../../core/commands.js';
import { StepFailure } from '../errors.js';
import type { EngineIO } from '../ports.js';
import type { StepImpl, StepScope } from './scope.js';
import { ecrForm, text } from './scope.js';
import { plural } from '../../core/plural.js';

async function digestOf(s: StepScope, repositoryName: string, imageTag: string): Promise<string> {
  const detail = (await s.ecr.describeImages({ repositoryName, imageIds: [{ imageTag }] }, s.signal)).imageDetails?.[0];
  return detail?.imageDigest ?? '';
}


export const pullImage: StepImpl = async (s, p) => {
  const [repository, tag] = [text(p, 'repository'), text(p, 'tag')];
  const byDigest = p.by === 'digest';
  const known = byDigest ? await digestOf(s, repository, tag) : undefined;
  const ref = known ? `${s.target.registry}/${repository}@${known}` : `${s.target.registry}/${repository}:${tag}`;
  const before = known ? undefined : await s.engine.inspect(ref);
  await s.engine.untag(ref, s.io);
  const downloaded = new Set<string>();
  const io: EngineIO = {
    ...s.io,
    layer: (id, status, current, total) => {
      if (/^(Pull complete|Download complete)$/.test(status)) downloaded.add(id);
      s.io.layer(id, status, current, total);
    },
  };
  try {
    await s.engine.pull(ref, io);
  } catch (err) {
    // A failed pull must not cost the learner the name they push with: put it back on the same image.
    const other = before?.repoTags.find((t) => t !== ref);
    if (other) {
      await s.engine.tag(other, ref, s.io);
      s.print(`the pull failed, so ${ref} names the local image again (docker tag ${other} ${ref})`);
    }
    throw err;
  }
  const digest = known ?? await digestOf(s, repository, tag);
  const image = await s.engine.inspect(ref);
  const repoDigest = `${s.target.registry}/${repository}@${digest}`;
  if (!image?.repoDigests.includes(repoDigest)) throw new StepFailure('PullNotVerified', `after the pull, ${ref} is not known locally as ${repoDigest}`);
  s.print(`ECR form: ${ecrForm(s.target, repository, `@${digest}`)}`);
  const total = image.layers.length;
  const came = downloaded.size === 0
    ? `No layer was downloaded: all ${total} were already in the local image store (the image you built holds the same layers); a machine without them downloads every one.`
    : `${plural(downloaded.size, 'layer')} of ${total} downloaded${downloaded.size < total ? `, ${total - downloaded.size} already here` : ''}.`;
  return {
    summary: byDigest
      ? `Pulled by digest from ECR: exactly these bytes, whatever tags move later. ${came} This is the reference to pin in ECS, EKS or Lambda.`
      : `Pulled ${repository}:${tag} (${digest}) from ECR. ${came} A tag can move, so production should pin the digest.`,
    verified: [
      { label: 'local image id', value: image.id },
      { label: 'repo digest (DescribeImages)', value: repoDigest },
      { label: 'layers downloaded', value: `${downloaded.size} of ${total}` },
    ],
    commands: byDigest ? [...equivalentCommands('describe-images', { repository }, s.target), `docker rmi ${shellQuote(ref)}`, `docker pull ${shellQuote(ref)}`] : undefined,
  };
};
