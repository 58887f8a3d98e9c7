// Parameters and IAM actions that several steps share.
import type { ParamSpec } from '../step-types.js';

export const repository: ParamSpec = { type: 'string', default: 'ecr-lab/demo', description: 'repository name' };
export const tag: ParamSpec = { type: 'string', default: 'v1', description: 'image tag' };
export const image: ParamSpec = { type: 'string', default: 'ecr-lab-demo', description: 'local image name' };
export const mutability: ParamSpec = {
  type: 'enum', values: ['MUTABLE', 'IMMUTABLE'], default: 'MUTABLE', description: 'tag mutability',
};

/** Pushing, as AWS's user guide lists it (image-push-iam): the five upload actions and BatchGetImage. */
export const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage',
];
