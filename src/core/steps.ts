// The catalogue of live steps as data: ids, parameters, the IAM actions they need, and the
// exact `aws`/`docker` commands they stand for. The workflow runs them; lessons name them.

export type ParamValue = string | boolean | number;

/** One parameter a step accepts in a lesson's step block. */
export interface ParamSpec {
  readonly type: 'string' | 'boolean' | 'number' | 'enum';
  readonly values?: readonly string[];
  readonly default: ParamValue;
  readonly description: string;
}

/** A step as the course sees it; `changes` marks steps that create, change or delete in AWS. */
export interface StepDefinition {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly iamActions: readonly string[];
  readonly changes: boolean;
}

/** Where a step runs: the values that make its commands concrete. */
export interface TargetContext {
  readonly kind: 'local' | 'live';
  readonly region: string;
  readonly account: string;
  /** The registry host docker talks to (`127.0.0.1:PORT` on the local ECR). */
  readonly registry: string;
  /** The ECR API endpoint for `aws --endpoint-url`, only on the local ECR. */
  readonly endpointUrl?: string;
  readonly profile?: string;
}

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

const repository: ParamSpec = { type: 'string', default: 'ecr-lab/demo', description: 'repository name' };
const tag: ParamSpec = { type: 'string', default: 'v1', description: 'image tag' };
const image: ParamSpec = { type: 'string', default: 'ecr-lab-demo', description: 'local image name' };
const mutability: ParamSpec = {
  type: 'enum', values: ['MUTABLE', 'IMMUTABLE'], default: 'MUTABLE', description: 'tag mutability',
};

/** Pushing, as AWS's user guide lists it (image-push-iam): the five upload actions and BatchGetImage. */
const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage',
];

const DEFINITIONS: readonly StepDefinition[] = [
  { id: 'whoami', title: 'Who am I?', summary: 'Ask STS which IAM identity your credentials belong to.',
    params: {}, iamActions: [], changes: false },
  { id: 'create-repository', title: 'Create a repository', summary: 'Create a private repository in ECR.',
    params: {
      repository, mutability,
      scanOnPush: { type: 'boolean', default: false, description: 'scan each image when it is pushed' },
      encryption: { type: 'enum', values: ['AES256', 'KMS'], default: 'AES256', description: 'encryption at rest' },
    },
    iamActions: ['ecr:CreateRepository', 'ecr:TagResource', 'ecr:DescribeRepositories'], changes: true },
  { id: 'describe-repositories', title: 'List repositories', summary: 'Describe the repositories in the registry.',
    params: { repository: { ...repository, default: '' } }, iamActions: ['ecr:DescribeRepositories'], changes: false },
  { id: 'login', title: 'Log Docker in', summary: 'Get a 12-hour registry token and hand it to docker login on stdin.',
    params: {}, iamActions: ['ecr:GetAuthorizationToken'], changes: false },
  { id: 'build-image', title: 'Build the demo image', summary: 'Build a small image FROM scratch.',
    params: { image, tag }, iamActions: [], changes: false },
  { id: 'tag-image', title: 'Tag for ECR', summary: 'Give the local image a name that points at the repository.',
    params: { image, repository, tag, sourceTag: { ...tag, description: 'tag of the local image' } },
    iamActions: [], changes: false },
  { id: 'push-image', title: 'Push', summary: 'Upload the layers, then the manifest.',
    params: { repository, tag }, iamActions: [...PUSH_ACTIONS, 'ecr:DescribeImages'], changes: true },
  { id: 'describe-images', title: 'Describe images', summary: 'Read back what the repository holds.',
    params: { repository }, iamActions: ['ecr:DescribeImages'], changes: false },
  { id: 'pull-image', title: 'Pull', summary: 'Download the image by tag or by digest.',
    params: { repository, tag, by: { type: 'enum', values: ['tag', 'digest'], default: 'tag', description: 'pull by tag or digest' } },
    iamActions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages'], changes: false },
  { id: 'put-lifecycle-policy', title: 'Lifecycle policy', summary: 'Set a lifecycle policy and preview what it would expire.',
    params: {
      repository,
      keep: { type: 'number', default: 3, description: 'how many tagged images to keep' },
      untaggedDays: { type: 'number', default: 1, description: 'expire untagged images older than this many days' },
    },
    iamActions: ['ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview'], changes: true },
  { id: 'start-image-scan', title: 'Scan an image', summary: 'Start a basic scan and read its findings.',
    params: { repository, tag }, iamActions: ['ecr:StartImageScan', 'ecr:DescribeImageScanFindings'], changes: true },
  { id: 'sign-image', title: 'Sign the image',
    summary: "Sign the pushed digest in cosign's format with ecr-lab's own key (not Sigstore, not AWS Signer or KMS), push the signature as an OCI artifact whose subject is the image, and verify it from the referrers.",
    params: { repository, tag },
    iamActions: ['ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer', ...PUSH_ACTIONS], changes: true },
  { id: 'set-tag-immutability', title: 'Tag immutability', summary: 'Switch the repository between mutable and immutable tags.',
    params: { repository, mutability: { ...mutability, default: 'IMMUTABLE' } },
    iamActions: ['ecr:PutImageTagMutability', 'ecr:DescribeRepositories'], changes: true },
  { id: 'credential-helper', title: 'Credential helper', summary: 'Let docker fetch ECR tokens itself through credHelpers.',
    params: {}, iamActions: ['ecr:GetAuthorizationToken'], changes: false },
  { id: 'cleanup', title: 'Clean up', summary: 'Delete what ecr-lab created, and nothing else.',
    params: { repository }, iamActions: ['ecr:DescribeRepositories', 'ecr:DeleteRepository'], changes: true },
];

const BY_ID = new Map(DEFINITIONS.map((d) => [d.id, d]));

/** All step ids, in the order of the seminar. */
export const STEP_IDS: readonly string[] = DEFINITIONS.map((d) => d.id);

/** The definition of a step, or undefined for an unknown id. */
export function stepDefinition(id: string): StepDefinition | undefined {
  return BY_ID.get(id);
}

/** The step's parameters with defaults filled in. */
export function resolveParams(
  id: string, given: Readonly<Record<string, ParamValue>> = {},
): Record<string, ParamValue> {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown step '${id}'`);
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(def.params)) out[name] = given[name] ?? spec.default;
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
