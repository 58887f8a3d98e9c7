// Step id -> implementation, keyed by the ids of the definitions in src/core/steps/<id>.ts
// (metadata and equivalent commands live there). Each implementation is written once over the
// ports; test/workflow/step-index.test.ts checks every definition has one and vice versa.
import { buildImage } from './build-image.js';
import { cleanup } from './cleanup.js';
import { createRepository } from './create-repository.js';
import { credentialHelper } from './credential-helper.js';
import { describeImages } from './describe-images.js';
import { describeRepositories } from './describe-repositories.js';
import { imageIndex } from './image-index.js';
import { login } from './login.js';
import { pullImage } from './pull-image.js';
import { pullThroughCache } from './pull-through-cache.js';
import { pushImage } from './push-image.js';
import { putLifecyclePolicy } from './put-lifecycle-policy.js';
import type { StepImpl } from './scope.js';
import { setTagImmutability } from './set-tag-immutability.js';
import { signImage } from './sign-image.js';
import { skopeoInspectStep } from './skopeo-inspect.js';
import { startImageScan } from './start-image-scan.js';
import { tagImage } from './tag-image.js';
import { whoami } from './whoami.js';

/** Every live step of src/core/steps, by id. */
export const STEPS: Readonly<Record<string, StepImpl>> = {
  'whoami': whoami,
  'create-repository': createRepository,
  'describe-repositories': describeRepositories,
  'login': login,
  'build-image': buildImage,
  'tag-image': tagImage,
  'push-image': pushImage,
  'describe-images': describeImages,
  'pull-image': pullImage,
  'put-lifecycle-policy': putLifecyclePolicy,
  'start-image-scan': startImageScan,
  'sign-image': signImage,
  'set-tag-immutability': setTagImmutability,
  'credential-helper': credentialHelper,
  'pull-through-cache': pullThroughCache,
  'image-index': imageIndex,
  'skopeo-inspect': skopeoInspectStep,
  'cleanup': cleanup,
};
