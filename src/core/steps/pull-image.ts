// pull-image: the image back, by tag or by digest.
import { docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository, tag } from './params.js';

export const pullImage: StepDefinition = {
  id: 'pull-image', title: 'Pull', summary: 'Download the image by tag or by digest.',
  params: { repository, tag, by: { type: 'enum', values: ['tag', 'digest'], default: 'tag', description: 'pull by tag or digest' } },
  iamActions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages'], changes: false,
  commands: (p, ctx) => {
    // The local copy goes first (that one name only), so the pull really fetches from ECR.
    const ref = p.by === 'digest'
      ? `${ctx.registry}/${p.repository}@<digest from describe-images>`
      : imageRef(ctx, String(p.repository), String(p.tag));
    return [docker(['rmi', ref]), docker(['pull', ref])];
  },
};
