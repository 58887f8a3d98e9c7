// push-image: layers first, then the manifest.
import { docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { PUSH_ACTIONS, repository, tag } from './params.js';

export const pushImage: StepDefinition = {
  id: 'push-image', title: 'Push', summary: 'Upload the layers, then the manifest.',
  params: { repository, tag }, iamActions: [...PUSH_ACTIONS, 'ecr:DescribeImages'], changes: true,
  commands: (p, ctx) => [docker(['push', imageRef(ctx, String(p.repository), String(p.tag))])],
};
