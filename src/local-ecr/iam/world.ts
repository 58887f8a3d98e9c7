// The local IAM: users, roles, access keys, policies and STS sessions of the one account, kept
// in `<data>/iam.json` (written atomically) so that what a learner builds with `aws iam`
// survives a restart. The learner user with AWS's example key exists from the start.
import { join } from 'node:path';
import { loadJson } from '../../state/json-file.js';
import { Persister } from '../store/persister.js';
import { iamId, secretKey, sessionToken } from './ids.js';
import { ECR_FULL_ACCESS, IAM_FULL_ACCESS, MANAGED_POLICIES } from './managed-policies.js';

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
import type { AccessKeyRecord, Caller, CustomerPolicyRecord, IamState, RoleRecord, SessionRecord, UserRecord } from './types.js';

export const EXAMPLE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const LEARNER = 'learner';
/** AWS's second documented example key pair: the local account's administrator. */
export const ADMIN_ACCESS_KEY_ID = 'AKIAI44QH8DHBEXAMPLE';
export const ADMIN_SECRET_ACCESS_KEY = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';

/** A named policy document that applies to a caller. */
export interface AppliedPolicy {
  readonly name: string;
  readonly document: string;
}

/** What a credential lookup finds: a caller, or why the key cannot be used. */
export type CredentialLookup =
  | { readonly status: 'ok'; readonly caller: Caller }
  | { readonly status: 'unknown' | 'inactive' }
  | { readonly status: 'expired'; readonly caller: Caller };

function problem(data: unknown): string | undefined {
  const d = data as Partial<IamState> | null;
  if (!d || d.version !== 1) return 'not an iam state of version 1';
  for (const key of ['users', 'roles', 'keys', 'sessions', 'policies'] as const) {
    if (typeof d[key] !== 'object' || d[key] === null) return `no ${key} map`;
  }
  return undefined;
}

/** The account's starting state: the learner, allowed all of ECR and IAM, with the example key. */
export function initialIamState(nowS: number): IamState {
  return {
    version: 1,
    users: {
      [LEARNER]: {
        name: LEARNER, id: 'AIDAJQABLZS4A3QDU576Q', path: '/', createdAt: nowS, tags: [],
        attached: [ECR_FULL_ACCESS, IAM_FULL_ACCESS],
        inline: { 'assume-any-role': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) },
      },
      // Who repairs the learner's access when the learner's own key is what broke.
      admin: { name: 'admin', id: 'AIDAIADMINEXAMPLE0001', path: '/', createdAt: nowS, tags: [], attached: [ADMIN_POLICY], inline: {} },
    },
    roles: {},
    keys: {
      [EXAMPLE_ACCESS_KEY_ID]: { id: EXAMPLE_ACCESS_KEY_ID, secret: EXAMPLE_SECRET_ACCESS_KEY, user: LEARNER, status: 'Active', createdAt: nowS },
      [ADMIN_ACCESS_KEY_ID]: { id: ADMIN_ACCESS_KEY_ID, secret: ADMIN_SECRET_ACCESS_KEY, user: 'admin', status: 'Active', createdAt: nowS },
    },
    sessions: {},
    policies: {},
  };
}

/** The IAM state of one local account, changed only through these methods. */
export class IamWorld {
  private state: IamState;
  private readonly persister: Persister | undefined;

  private constructor(readonly account: string, state: IamState, file: string | undefined) {
    this.state = state;
    this.persister = file ? new Persister(file, () => this.state) : undefined;
  }

  /** Opens `<dataDir>/iam.json`, or starts the initial state; a corrupt file is kept aside. */
  static async open(dataDir: string, account: string, nowS: number): Promise<{ world: IamWorld; warning?: string }> {
    const file = join(dataDir, 'iam.json');
    const loaded = await loadJson<IamState>(file, initialIamState(nowS), problem);
    return { world: new IamWorld(account, loaded.value, file), ...(loaded.warning ? { warning: loaded.warning } : {}) };
  }

  /** An in-memory world (tests). */
  static inMemory(account: string, state: IamState = initialIamState(0)): IamWorld {
    return new IamWorld(account, state, undefined);
  }

  get snapshot(): IamState {
    return this.state;
  }

  /** Replaces the state and writes it; resolves once it is on disk. */
  async update(change: (s: IamState) => IamState): Promise<void> {
    this.state = change(this.state);
    await this.persister?.save();
  }

  flush(): Promise<void> {
    return this.persister?.idle() ?? Promise.resolve();
  }

  userArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.account}:user${path}${name}`;
  }

  roleArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.account}:role${path}${name}`;
  }

  policyArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.account}:policy${path}${name}`;
  }

  user(name: string): UserRecord | undefined {
    return Object.hasOwn(this.state.users, name) ? this.state.users[name] : undefined;
  }

  role(name: string): RoleRecord | undefined {
    return Object.hasOwn(this.state.roles, name) ? this.state.roles[name] : undefined;
  }

  key(id: string): AccessKeyRecord | undefined {
    return Object.hasOwn(this.state.keys, id) ? this.state.keys[id] : undefined;
  }

  /** A customer managed policy by ARN. */
  customerPolicy(arn: string): CustomerPolicyRecord | undefined {
    const name = arn.startsWith(`arn:aws:iam::${this.account}:policy/`) ? arn.split('/').pop() ?? '' : '';
    const found = Object.hasOwn(this.state.policies, name) ? this.state.policies[name] : undefined;
    return found && this.policyArn(found.name, found.path) === arn ? found : undefined;
  }

  /** The document of an AWS or customer managed policy. */
  managedDocument(arn: string): string | undefined {
    return MANAGED_POLICIES.get(arn)?.document ?? this.customerPolicy(arn)?.document;
  }

  /** Who holds this access key, and whether it may be used now (`nowMs` on the local clock). */
  credential(accessKeyId: string, nowMs: number): CredentialLookup {
    const key = this.key(accessKeyId);
    if (key) {
      const user = this.user(key.user);
      if (!user) return { status: 'unknown' };
      if (key.status !== 'Active') return { status: 'inactive' };
      return { status: 'ok', caller: {
        kind: 'user', accessKeyId, secretAccessKey: key.secret, arn: this.userArn(user.name, user.path),
        userId: user.id, account: this.account, entity: user.name,
      } };
    }
    const session = Object.hasOwn(this.state.sessions, accessKeyId) ? this.state.sessions[accessKeyId] : undefined;
    const role = session ? this.role(session.role) : undefined;
    if (!session || !role) return { status: 'unknown' };
    const caller: Caller = {
      kind: 'assumed-role', accessKeyId, secretAccessKey: session.secret, sessionToken: session.token,
      expiresAt: session.expiresAt, arn: `arn:aws:sts::${this.account}:assumed-role/${role.name}/${session.sessionName}`,
      userId: `${role.id}:${session.sessionName}`, account: this.account, entity: role.name,
    };
    return session.expiresAt <= nowMs ? { status: 'expired', caller } : { status: 'ok', caller };
  }

  /** The identity-based policies of a caller: inline, then attached. */
  policiesOf(caller: Caller): AppliedPolicy[] {
    const holder = caller.kind === 'user' ? this.user(caller.entity) : this.role(caller.entity);
    if (!holder) return [];
    const inline = Object.entries(holder.inline).map(([name, document]) => ({ name, document }));
    const attached = holder.attached.flatMap((arn) => {
      const document = this.managedDocument(arn);
      return document ? [{ name: arn, document }] : [];
    });
    return [...inline, ...attached];
  }

  /** Issues a new access key for a user (the caller checks the user exists). */
  async createAccessKey(user: string, nowS: number): Promise<AccessKeyRecord> {
    const key: AccessKeyRecord = { id: iamId('AKIA'), secret: secretKey(), user, status: 'Active', createdAt: nowS };
    await this.update((s) => ({ ...s, keys: { ...s.keys, [key.id]: key } }));
    return key;
  }

  /** Starts a role session that ends `durationS` seconds from `nowMs`. */
  async createSession(role: string, sessionName: string, nowMs: number, durationS: number): Promise<SessionRecord> {
    const session: SessionRecord = {
      id: iamId('ASIA'), secret: secretKey(), token: sessionToken(), role, sessionName, expiresAt: nowMs + durationS * 1000,
    };
    // Sessions long past their end are dropped so the file does not grow without bound.
    await this.update((s) => ({
      ...s,
      sessions: Object.fromEntries([...Object.entries(s.sessions).filter(([, v]) => v.expiresAt > nowMs - 86_400_000), [session.id, session]]),
    }));
    return session;
  }
}
