// What a local ECR is configured with: where it listens, whose account it is, who may call it.

/**
 * A user to seed into the local IAM at start (tests, fixtures): its key, and the actions its
 * one inline policy allows and denies. Everything else about identities lives in iam/.
 */
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
  /** Users added to the IAM at start when they do not exist yet. */
  readonly identities: readonly Identity[];
  /** How long a basic scan stays IN_PROGRESS on the local clock; default SCAN_DURATION_MS (scans.ts). */
  readonly scanDurationMs?: number;
}

/** AWS's documented example key pair: the default identity of the local ECR. */
export { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from './iam/world.js';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from './iam/world.js';

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
