// The catalogue of live steps: one definition per step in src/core/steps/<id>.ts carries its
// id, parameters, IAM actions and the exact `aws`/`docker` commands it stands for. The
// workflow runs them (src/workflow/steps, keyed by the same id); lessons name them.
import type { ParamSpec, ParamValue, StepDefinition, TargetContext } from './step-types.js';
import { buildImage } from './steps/build-image.js';
import { cleanup } from './steps/cleanup.js';
import { createRepository } from './steps/create-repository.js';
import { credentialHelper } from './steps/credential-helper.js';
import { imageIndex } from './steps/image-index.js';
import { describeImages } from './steps/describe-images.js';
import { describeRepositories } from './steps/describe-repositories.js';
import { login } from './steps/login.js';
import { pullImage } from './steps/pull-image.js';
import { pullThroughCache } from './steps/pull-through-cache.js';
import { pushImage } from './steps/push-image.js';
import { putLifecyclePolicy } from './steps/put-lifecycle-policy.js';
import { setTagImmutability } from './steps/set-tag-immutability.js';
import { signImage } from './steps/sign-image.js';
import { skopeoInspect } from './steps/skopeo-inspect.js';
import { startImageScan } from './steps/start-image-scan.js';
import { tagImage } from './steps/tag-image.js';
import { whoami } from './steps/whoami.js';

export type { ParamSpec, ParamValue, StepDefinition, TargetContext } from './step-types.js';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

/** The registry host AWS gives an account in a region. */
export function ecrRegistryHost(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

/** The context a step card shows before any target is connected. */
export function defaultContext(): TargetContext {
  return {
    kind: 'local',
    region: DEFAULT_REGION,
    account: DEFAULT_ACCOUNT,
    registry: ecrRegistryHost(DEFAULT_ACCOUNT, DEFAULT_REGION),
  };
}

/** Every step, in the order of the seminar. */
const DEFINITIONS: readonly StepDefinition[] = [
  whoami, createRepository, describeRepositories, login, buildImage, tagImage, pushImage,
  describeImages, pullImage, putLifecyclePolicy, startImageScan, signImage, setTagImmutability,
  credentialHelper, pullThroughCache, imageIndex, skopeoInspect, cleanup,
];

const BY_ID = new Map(DEFINITIONS.map((d) => [d.id, d]));

/** All step ids, in the order of the seminar. */
export const STEP_IDS: readonly string[] = DEFINITIONS.map((d) => d.id);

/** The steps `run all` runs, in order: all but those that need an optional tool. */
export const RUN_ALL_IDS: readonly string[] = DEFINITIONS.filter((d) => d.isInRunAll !== false).map((d) => d.id);

/** The definition of a step, or undefined for an unknown id. */
export function stepDefinition(id: string): StepDefinition | undefined {
  return BY_ID.get(id);
}

/** The step's parameters with defaults filled in; `image` defaults to the target's own local image name. */
export function resolveParams(
  id: string, given: Readonly<Record<string, ParamValue>> = {}, ctx?: Pick<TargetContext, 'localImage'>,
): Record<string, ParamValue> {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown step '${id}'`);
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(def.params)) out[name] = given[name] ?? (name === 'image' ? ctx?.localImage : undefined) ?? spec.default;
  return out;
}

/** Checks one parameter value against its spec; returns a reason when it does not fit. */
export function checkParam(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'boolean': return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'number': return Number.isInteger(value) && (value as number) >= 0 ? undefined : 'must be a whole number';
    case 'enum': return spec.values?.includes(String(value)) ? undefined : `must be one of ${spec.values?.join(', ')}`;
    default: return typeof value === 'string' ? undefined : 'must be text';
  }
}
