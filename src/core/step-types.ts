// The shape of a live step as the course sees it: its parameters, the IAM actions it needs and
// the commands it stands for. Each step's definition lives in src/core/steps/<id>.ts.

export type ParamValue = string | boolean | number;

/** One parameter a step accepts in a lesson's step block. */
export interface ParamSpec {
  readonly type: 'string' | 'boolean' | 'number' | 'enum';
  readonly values?: readonly string[];
  readonly default: ParamValue;
  readonly description: string;
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
  /**
   * Live only: the endpoint of each service when the SDK's settings (AWS_ENDPOINT_URL*,
   * `endpoint_url` in a profile) send it somewhere that is not AWS, so that the commands a card
   * shows carry `--endpoint-url` and, pasted, reach the same place.
   */
  readonly serviceEndpoints?: { readonly ecr?: string; readonly sts?: string };
  readonly profile?: string;
  /** The demo image's local name, one per state dir so learners sharing a docker daemon never meet (default `ecr-lab-demo`). */
  readonly localImage?: string;
}

/** A step as the course sees it; `changes` marks steps that create, change or delete in AWS. */
export interface StepDefinition {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly iamActions: readonly string[];
  readonly changes: boolean;
  /**
   * Where a step's repository actions apply when not to its `repository` parameter (a policy's
   * statement id, and the repository name or pattern after `repository/` in the ARN).
   */
  readonly iamScope?: { readonly sid: string; readonly repository: (p: Readonly<Record<string, ParamValue>>) => string };
  /** What cleanup needs to delete what this step creates beyond repositories (a pull through cache rule). */
  readonly cleanupIamActions?: readonly string[];
  /** false for a step `run all` leaves out: lesson 12's, which go beyond the seminar's workflow (and skopeo is optional). */
  readonly isInRunAll?: false;
  /**
   * The `aws`/`docker` commands that do by hand what the step does, one shell line each.
   * `p` holds every parameter, defaults filled in.
   */
  commands(p: Readonly<Record<string, ParamValue>>, ctx: TargetContext): string[];
}
