// What a local ECR is configured with: where it listens, whose account it is, who may call it.

/** An IAM identity the local ECR knows, with the ecr:* actions it is allowed. */
export interface Identity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** e.g. arn:aws:iam::123456789012:user/learner */
  readonly arn: string;
  /** e.g. AIDA... for users */
  readonly userId: string;
  readonly account: string;
  /** Allowed actions, `ecr:*` or `ecr:PutImage`; `*` allows everything. */
  readonly allow: readonly string[];
  /** Actions explicitly denied (wins over allow). */
  readonly deny?: readonly string[];
}

export interface LocalEcrConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly region: string;
  readonly account: string;
  /** Where blobs and metadata live; kept across restarts. */
  readonly dataDir: string;
  readonly identities: readonly Identity[];
}

/** AWS's documented example key pair: the default identity of the local ECR. */
export const EXAMPLE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** The learner: IAM user `learner` in the account, allowed every ecr action. */
export function defaultIdentity(account: string): Identity {
  return {
    accessKeyId: EXAMPLE_ACCESS_KEY_ID,
    secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY,
    arn: `arn:aws:iam::${account}:user/learner`,
    userId: 'AIDAJQABLZS4A3QDU576Q',
    account,
    allow: ['ecr:*', 'sts:GetCallerIdentity'],
  };
}
