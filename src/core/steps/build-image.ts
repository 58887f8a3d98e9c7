// build-image: the small demo image, FROM scratch.
import { docker } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { image, tag } from './params.js';

export const buildImage: StepDefinition = {
  id: 'build-image', title: 'Build the demo image', summary: 'Build a small image FROM scratch.',
  params: { image, tag }, iamActions: [], changes: false,
  commands: (p) => [docker(['build', '-t', `${p.image}:${p.tag}`, '.'])],
};
