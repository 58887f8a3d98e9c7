// The local IAM's records, as kept on disk: users, roles, access keys, customer managed
// policies and STS sessions. Policy documents are kept as the JSON text the caller sent.

export interface ResourceTagRecord { readonly Key: string; readonly Value: string }

export interface UserRecord {
  readonly name: string;
  /** AIDA... */
  readonly id: string;
  readonly path: string;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** Inline policies: name -> document text. */
  readonly inline: Readonly<Record<string, string>>;
  /** Attached managed policy ARNs (AWS or customer managed). */
  readonly attached: readonly string[];
  readonly tags: readonly ResourceTagRecord[];
}

export interface RoleRecord {
  readonly name: string;
  /** AROA... */
  readonly id: string;
  readonly path: string;
  readonly createdAt: number;
  readonly description?: string;
  /** The trust policy (AssumeRolePolicyDocument) text. */
  readonly trust: string;
  readonly inline: Readonly<Record<string, string>>;
  readonly attached: readonly string[];
  /** Seconds. */
  readonly maxSessionDuration: number;
}

export interface AccessKeyRecord {
  /** AKIA... */
  readonly id: string;
  readonly secret: string;
  readonly user: string;
  readonly status: 'Active' | 'Inactive';
  readonly createdAt: number;
}

export interface SessionRecord {
  /** ASIA... */
  readonly id: string;
  readonly secret: string;
  readonly token: string;
  readonly role: string;
  readonly sessionName: string;
  /** Epoch milliseconds on the local clock. */
  readonly expiresAt: number;
}

export interface CustomerPolicyRecord {
  readonly name: string;
  /** ANPA... */
  readonly id: string;
  readonly path: string;
  readonly document: string;
  readonly createdAt: number;
  readonly description?: string;
}

export interface IamState {
  readonly version: 1;
  readonly users: Readonly<Record<string, UserRecord>>;
  readonly roles: Readonly<Record<string, RoleRecord>>;
  readonly keys: Readonly<Record<string, AccessKeyRecord>>;
  readonly sessions: Readonly<Record<string, SessionRecord>>;
  /** Customer managed policies by name. */
  readonly policies: Readonly<Record<string, CustomerPolicyRecord>>;
}

/** Who signed a request: an IAM user, or a role session from AssumeRole. */
export interface Caller {
  readonly kind: 'user' | 'assumed-role';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Only for role sessions: what the client must send as X-Amz-Security-Token. */
  readonly sessionToken?: string;
  /** Only for role sessions: epoch ms on the local clock. */
  readonly expiresAt?: number;
  /** arn:aws:iam::<acct>:user/<name> or arn:aws:sts::<acct>:assumed-role/<role>/<session> */
  readonly arn: string;
  /** AIDA... for users, AROA...:<session> for role sessions. */
  readonly userId: string;
  readonly account: string;
  /** The user or role whose policies apply. */
  readonly entity: string;
}
