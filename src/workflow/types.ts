// The workflow's contract with its callers (the TUI, `ecr-lab run`): steps are run by id and
// report back as data. Nothing here knows whether the target is the local ECR or real AWS.
import type { ParamValue, TargetContext } from '../core/steps.js';

/** What a failing step means, from the error catalogue. */
export interface Explanation {
  /** The catalogue entry (src/core/error-catalogue.ts), e.g. `repository-not-found`. */
  readonly id?: string;
  readonly cause: string;
  readonly fix: string;
  /** The lesson id that teaches it. */
  readonly lesson?: string;
}

/** Something a step verified by reading state back (never assumed). */
export interface Verified {
  readonly label: string;
  readonly value: string;
}

export type StepEvent =
  | { readonly type: 'output'; readonly line: string }
  | { readonly type: 'layer'; readonly id: string; readonly status: string; readonly current?: number; readonly total?: number };

export interface StepOutcome {
  readonly stepId: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  /** The exact equivalent aws/docker commands with the real values. */
  readonly commands: readonly string[];
  /** What the tools printed (secrets masked). */
  readonly output: readonly string[];
  readonly durationMs: number;
  readonly verified: readonly Verified[];
  /** What it means, in one or two sentences, on success. */
  readonly summary?: string;
  readonly error?: { readonly code: string; readonly message: string; readonly explanation?: Explanation };
  /** What went wrong with ecr-lab's own files meanwhile (a journal that could not be written or read): not the tools' output. */
  readonly warnings?: readonly string[];
}

/** Asked before a call that creates, changes or deletes on live AWS. */
export interface ConfirmRequest {
  readonly stepId: string;
  readonly description: string;
  readonly iamActions: readonly string[];
}

export interface RunOptions {
  readonly onEvent?: (event: StepEvent) => void;
  readonly signal?: AbortSignal;
  /** Resolves true to go ahead; absent means no confirmation is needed (local ECR). */
  readonly confirm?: (request: ConfirmRequest) => Promise<boolean>;
}

/** Runs steps against one target with one image engine, chosen once in src/cli. */
export interface StepRunner {
  readonly context: TargetContext;
  run(stepId: string, params: Readonly<Record<string, ParamValue>>, options?: RunOptions): Promise<StepOutcome>;
}

/** How docker's config.json stands for one registry host. */
export interface DockerConfigView {
  /** The file in use: $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
  readonly file: string;
  readonly state: 'read' | 'missing' | 'unreadable';
  /** An `auths` entry for the host (any of host, https://host, http://host). */
  readonly hasAuthEntry: boolean;
  /** That entry holds the base64 `auth` itself (no store or helper). */
  readonly isAuthInFile: boolean;
  /** `credHelpers[host]`, e.g. `ecr-login`. */
  readonly credHelper?: string;
  /** `credsStore`, e.g. `desktop`: where docker keeps logins it has no helper for. */
  readonly credsStore?: string;
}

/** Who is acting, as each layer sees it: the OS, docker, and AWS. */
export interface WhoAmI {
  readonly linuxUser: string;
  readonly registry: string;
  readonly region: string;
  readonly profile?: string;
  readonly docker: DockerConfigView;
  /** The image engine and where it keeps the login for this registry, if it holds one. */
  readonly engine: { readonly name: 'docker' | 'builtin'; readonly credentials?: string };
  /** STS GetCallerIdentity; absent when it failed (see identityError). */
  readonly identity?: { readonly arn: string; readonly account: string };
  readonly identityError?: string;
}

/** One tag, and the digest it pointed at before it last moved (as this inspector saw it). */
export interface TagView {
  readonly name: string;
  readonly previousDigest?: string;
}

export interface ImageView {
  readonly digest: string;
  readonly tags: readonly TagView[];
  readonly pushedAt?: string;
  readonly sizeBytes?: number;
}

export interface RepositoryView {
  readonly name: string;
  /** Newest first. */
  readonly images: readonly ImageView[];
  /** DescribeImages failed for this repository: the code and message. */
  readonly error?: string;
}

/** The registry as DescribeRepositories + DescribeImages show it at one moment. */
export interface RegistrySnapshot {
  readonly registry: string;
  readonly repositories: readonly RepositoryView[];
  /** Repositories not described (only the first ones are). */
  readonly omitted: number;
  /** DescribeRepositories failed: the code and message. */
  readonly error?: string;
}

/** One request the local ECR answered; never a secret (only the Authorization scheme). */
export interface WireEntry {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly api: string;
  readonly auth?: string;
}

/** The local ECR's request log, read-only. */
export interface WireTap {
  /** The sequence number of the newest entry (0 when empty). */
  lastSeq(): number;
  /** Entries after `afterSeq`, oldest first. */
  since(afterSeq: number): readonly WireEntry[];
  /** Called for each new entry; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Read-only views of the target for the TUI's panels; errors come back as data, never thrown. */
export interface Inspector {
  whoAmI(): Promise<WhoAmI>;
  registry(): Promise<RegistrySnapshot>;
  /** Only on the local ECR. */
  readonly wire?: WireTap;
}
