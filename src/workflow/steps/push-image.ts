// push-image: layers first, the manifest last; the digest the registry returns is checked
// against DescribeImages.
import { imageRef } from '../../core/commands.js';
import { StepFailure } from '../errors.js';
import type { StepImpl } from './scope.js';
import { ecrForm, iso, text } from './scope.js';

export const pushImage: StepImpl = async (s, p) => {
  const [repository, tag] = [text(p, 'repository'), text(p, 'tag')];
  const pushed = await s.engine.push(imageRef(s.target, repository, tag), s.io);
  const detail = (await s.ecr.describeImages({ repositoryName: repository, imageIds: [{ imageTag: tag }] })).imageDetails?.[0];
  if (detail?.imageDigest !== pushed.digest) {
    throw new StepFailure('DigestMismatch', `the push reported ${pushed.digest} but ECR holds ${detail?.imageDigest ?? 'nothing'} for ${tag}`);
  }
  s.print(`ECR form: ${ecrForm(s.target, repository, `@${pushed.digest}`)}`);
  return {
    summary: `${repository}:${tag} is in ECR as ${pushed.digest}; the digest is the image's identity, the tag only points at it.`,
    verified: [
      { label: 'digest (DescribeImages)', value: detail.imageDigest },
      { label: 'size', value: `${detail.imageSizeInBytes ?? 0} bytes` },
      { label: 'pushed at', value: iso(detail.imagePushedAt) },
    ],
  };
};
