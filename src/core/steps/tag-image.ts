// tag-image: a second name for the local image, pointing at the repository.
import { docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { image, repository, tag } from './params.js';

export const tagImage: StepDefinition = {
  id: 'tag-image', title: 'Tag for ECR', summary: 'Give the local image a name that points at the repository.',
  params: { image, repository, tag, sourceTag: { ...tag, description: 'tag of the local image' } },
  iamActions: [], changes: false,
  commands: (p, ctx) => [docker(['tag', `${p.image}:${p.sourceTag}`, imageRef(ctx, String(p.repository), String(p.tag))])],
};
