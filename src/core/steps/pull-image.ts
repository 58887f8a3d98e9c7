// pull-image: the image back, by tag or by digest.
import { docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository, tag } from './params.js';

export const pullImage: StepDefinition = {
  id: 'pull-image', title: 'Pull', summary: 'Download the image by tag or by digest.',
  params: { repository, tag, by: { type: 'enum', values: ['tag', 'digest'], default: 'tag', description: 'pull by tag or digest' } },
  iamActions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], changes: false,
  commands: (p, ctx) => p.by === 'digest'
    ? [docker(['pull', `${ctx.registry}/${p.repository}@<digest from describe-images>`])]
    : [docker(['pull', imageRef(ctx, String(p.repository), String(p.tag))])],
};
