// The ports the steps are written against: the ECR API, the caller's identity, and an image
// engine (docker, or the built-in OCI client). Adapters live in aws/ and engines/.
import type * as ecr from '@aws-sdk/client-ecr';

/** The ECR operations the course uses, with the SDK's own input and output shapes. */
export interface EcrApi {
  createRepository(input: ecr.CreateRepositoryCommandInput, signal?: AbortSignal): Promise<ecr.CreateRepositoryCommandOutput>;
  describeRepositories(input: ecr.DescribeRepositoriesCommandInput, signal?: AbortSignal): Promise<ecr.DescribeRepositoriesCommandOutput>;
  deleteRepository(input: ecr.DeleteRepositoryCommandInput, signal?: AbortSignal): Promise<ecr.DeleteRepositoryCommandOutput>;
  getAuthorizationToken(input: ecr.GetAuthorizationTokenCommandInput, signal?: AbortSignal): Promise<ecr.GetAuthorizationTokenCommandOutput>;
  describeImages(input: ecr.DescribeImagesCommandInput, signal?: AbortSignal): Promise<ecr.DescribeImagesCommandOutput>;
  putLifecyclePolicy(input: ecr.PutLifecyclePolicyCommandInput, signal?: AbortSignal): Promise<ecr.PutLifecyclePolicyCommandOutput>;
  startLifecyclePolicyPreview(input: ecr.StartLifecyclePolicyPreviewCommandInput, signal?: AbortSignal): Promise<ecr.StartLifecyclePolicyPreviewCommandOutput>;
  getLifecyclePolicy(input: ecr.GetLifecyclePolicyCommandInput, signal?: AbortSignal): Promise<ecr.GetLifecyclePolicyCommandOutput>;
  getLifecyclePolicyPreview(input: ecr.GetLifecyclePolicyPreviewCommandInput, signal?: AbortSignal): Promise<ecr.GetLifecyclePolicyPreviewCommandOutput>;
  startImageScan(input: ecr.StartImageScanCommandInput, signal?: AbortSignal): Promise<ecr.StartImageScanCommandOutput>;
  describeImageScanFindings(input: ecr.DescribeImageScanFindingsCommandInput, signal?: AbortSignal): Promise<ecr.DescribeImageScanFindingsCommandOutput>;
  putImageTagMutability(input: ecr.PutImageTagMutabilityCommandInput, signal?: AbortSignal): Promise<ecr.PutImageTagMutabilityCommandOutput>;
  createPullThroughCacheRule(input: ecr.CreatePullThroughCacheRuleCommandInput, signal?: AbortSignal): Promise<ecr.CreatePullThroughCacheRuleCommandOutput>;
  deletePullThroughCacheRule(input: ecr.DeletePullThroughCacheRuleCommandInput, signal?: AbortSignal): Promise<ecr.DeletePullThroughCacheRuleCommandOutput>;
  describePullThroughCacheRules(input: ecr.DescribePullThroughCacheRulesCommandInput, signal?: AbortSignal): Promise<ecr.DescribePullThroughCacheRulesCommandOutput>;
  batchGetImage(input: ecr.BatchGetImageCommandInput, signal?: AbortSignal): Promise<ecr.BatchGetImageCommandOutput>;
  putImage(input: ecr.PutImageCommandInput, signal?: AbortSignal): Promise<ecr.PutImageCommandOutput>;
  getDownloadUrlForLayer(input: ecr.GetDownloadUrlForLayerCommandInput, signal?: AbortSignal): Promise<ecr.GetDownloadUrlForLayerCommandOutput>;
}

/** Who the credentials belong to, as STS GetCallerIdentity says. */
export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
}

/** STS GetCallerIdentity. */
export interface Identity {
  whoami(signal?: AbortSignal): Promise<CallerIdentity>;
}

/** An image as the engine's local store knows it (`docker image inspect`). */
export interface LocalImage {
  /** The image id: sha256 of its config. */
  readonly id: string;
  readonly repoTags: readonly string[];
  /** `<registry>/<repo>@sha256:…` for every registry it was pushed to or pulled from. */
  readonly repoDigests: readonly string[];
  readonly size: number;
  /** Uncompressed layer digests (diff ids). */
  readonly layers: readonly string[];
}

/** Where an engine action reports what it prints and how each layer moves. */
export interface EngineIO {
  readonly print: (line: string) => void;
  readonly layer: (id: string, status: string, current?: number, total?: number) => void;
  readonly signal?: AbortSignal;
}

/** Builds, tags, pushes and pulls images; docker's CLI or the built-in OCI client. */
export interface ImageEngine {
  readonly name: 'docker' | 'builtin';
  /** Builds `contextDir` (which holds a Dockerfile) as `ref`. */
  build(contextDir: string, ref: string, io: EngineIO): Promise<LocalImage>;
  tag(source: string, target: string, io: EngineIO): Promise<void>;
  /** Pushes `ref`; resolves with the manifest digest and size the registry accepted. */
  push(ref: string, io: EngineIO): Promise<{ readonly digest: string; readonly size: number }>;
  pull(ref: string, io: EngineIO): Promise<{ readonly digest: string }>;
  /** Logs in; docker gets the password on stdin only; the built-in engine keeps it like docker's config.json. */
  login(registry: string, username: string, password: string, io: EngineIO): Promise<void>;
  /** Where credentials for `registry` are kept, read back from the engine's store; undefined if none. */
  credentialsFor(registry: string): Promise<string | undefined>;
  inspect(ref: string): Promise<LocalImage | undefined>;
  /** The JSON file that holds its logins in docker's `auths` shape (docker's config.json). */
  authFile(): string;
  /**
   * Removes the local reference `ref` (`docker rmi <ref>`); the image stays while other references
   * hold it. With `io`, says what it did as docker does (`Untagged: …`); a missing ref is no error.
   */
  untag(ref: string, io?: EngineIO): Promise<void>;
}
