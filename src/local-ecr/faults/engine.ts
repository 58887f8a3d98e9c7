// Switches faults on and off: each server-side fault is a real, reversible change of the local
// ECR's world (its IAM, a repository's policy or settings, a tag, the clock), and what it
// changed is kept with the fault so that `off` puts the world back. Client-side faults are
// recorded here and carried out by the client adapter the caller gives (docker's config, the
// image engine, the SDK's settings).
import { findFault } from '../../core/faults.js';
import type { EcrContext } from '../context.js';
import { LEARNER } from '../iam/world.js';
import { secretKey } from '../iam/ids.js';
import type { ActiveFault } from './state.js';
import { ECR_POLICY_SWAPS, policyDelta, policyWithDeny, undoPolicyDelta, withoutDeny, type PolicyDelta } from './policies.js';

/** Carries out the client-side faults; without one they are only recorded. */
export interface ClientFaults {
  /** Why this client cannot carry the fault out, or undefined when it can. */
  refuses(name: string): string | undefined;
  on(fault: ActiveFault): Promise<unknown>;
  off(fault: ActiveFault): Promise<void>;
}

export interface FaultScopeInput {
  readonly repository: string;
  readonly tag: string;
}

export class FaultError extends Error {}

const TOKEN_EXPIRED_SHIFT_MS = 13 * 3_600_000;

type Undo = Record<string, unknown>;

/** The faults of one local ECR. */
export class FaultEngine {
  constructor(private readonly ctx: EcrContext, private client?: ClientFaults) {
    // The clock's shift follows the faults: set from the saved ones now, and on every change
    // before any later listener (the TUI's status bar) reads the clock.
    this.applyShift();
    ctx.faults.subscribe(() => this.applyShift());
  }

  /** Sets (or clears) the adapter for client-side faults. */
  useClient(client: ClientFaults | undefined): void {
    this.client = client;
  }

  private applyShift(): void {
    this.ctx.clock.setShift(this.ctx.faults.isOn('token-expired') ? TOKEN_EXPIRED_SHIFT_MS : 0);
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Runs one change at a time: a TUI toggle and `ecr-lab fault on` never interleave. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  on(name: string, scope: FaultScopeInput): Promise<ActiveFault> {
    return this.serial(() => this.switchOn(name, scope));
  }

  off(name: string): Promise<boolean> {
    return this.serial(() => this.switchOff(name));
  }

  private async switchOn(name: string, scope: FaultScopeInput): Promise<ActiveFault> {
    const definition = findFault(name);
    if (!definition) throw new FaultError(`no fault '${name}'`);
    const existing = this.ctx.faults.get(name);
    if (existing) return existing;
    if (definition.side === 'client') {
      const refusal = this.client ? this.client.refuses(name) : `${name} changes the client, and this local ECR has none attached`;
      if (refusal) throw new FaultError(refusal);
    }
    const base: ActiveFault = { name, since: this.ctx.clock.now(), repository: scope.repository, tag: scope.tag };
    const undo = definition.side === 'server' ? await this.applyServer(base) : await this.client?.on(base);
    const fault = undo === undefined ? base : { ...base, undo };
    await this.ctx.faults.add(fault);
    return fault;
  }

  private async switchOff(name: string): Promise<boolean> {
    const fault = this.ctx.faults.get(name);
    if (!fault) return false;
    if (findFault(name)?.side === 'server') await this.undoServer(fault);
    else await this.client?.off(fault);
    await this.ctx.faults.remove(name);
    return true;
  }

  /** Switches every fault off, the last one on first. */
  reset(): Promise<string[]> {
    return this.serial(async () => {
      const names = this.ctx.faults.list().map((f: ActiveFault) => f.name).reverse();
      for (const name of names) await this.switchOff(name);
      return names;
    });
  }

  private repository(fault: ActiveFault) {
    const record = this.ctx.store.getRepository(fault.repository);
    if (!record) throw new FaultError(`the repository '${fault.repository}' does not exist yet; create it (and push ${fault.tag}) first, or name another with --repo`);
    return record;
  }

  private async applyServer(fault: ActiveFault): Promise<Undo | undefined> {
    const { iam, store } = this.ctx;
    switch (fault.name) {
      case 'access-denied-push': case 'access-denied-pull': case 'access-denied-login': {
        const learner = iam.user(LEARNER);
        if (!learner) throw new FaultError('the learner user was deleted from the local IAM');
        const other = ['access-denied-push', 'access-denied-pull', 'access-denied-login'].find((n) => this.ctx.faults.isOn(n));
        if (other) throw new FaultError(`${other} already changes the learner's policies; switch it off first`);
        const swapped = { ...learner, ...ECR_POLICY_SWAPS[fault.name]!(learner) };
        await iam.update((s) => ({ ...s, users: { ...s.users, [LEARNER]: swapped } }));
        return { ...policyDelta(learner, swapped) };
      }
      case 'credentials-invalid': case 'signature-mismatch': {
        const key = Object.values(iam.snapshot.keys).find((k) => k.user === LEARNER && k.status === 'Active')
          ?? Object.values(iam.snapshot.keys).find((k) => k.user === LEARNER);
        if (!key) throw new FaultError('the learner has no access key to break');
        if (fault.name === 'credentials-invalid') {
          await iam.update((s) => ({ ...s, keys: { ...s.keys, [key.id]: { ...key, status: 'Inactive' } } }));
          return { key: key.id };
        }
        const secret = secretKey();
        await iam.update((s) => ({ ...s, keys: { ...s.keys, [key.id]: { ...key, secret } } }));
        return { key: key.id, secret: key.secret, planted: secret };
      }
      case 'repository-policy-deny': {
        const record = this.repository(fault);
        await store.putRepository({ ...record, repositoryPolicy: policyWithDeny(record.repositoryPolicy) });
        return record.repositoryPolicy === undefined ? {} : { policy: record.repositoryPolicy };
      }
      case 'tag-immutable': {
        const record = this.repository(fault);
        await store.putRepository({ ...record, imageTagMutability: 'IMMUTABLE' });
        return { mutability: record.imageTagMutability, tags: store.listImages(fault.repository).flatMap((i) => i.tags) };
      }
      case 'manifest-unknown': {
        this.repository(fault);
        const digest = store.resolveTag(fault.repository, fault.tag);
        if (!digest) throw new FaultError(`'${fault.repository}' has no tag '${fault.tag}' to take away; push it first`);
        await store.untag(fault.repository, fault.tag, false);
        return { digest };
      }
      default:
        return undefined;
    }
  }

  private async undoServer(fault: ActiveFault): Promise<void> {
    const { iam, store } = this.ctx;
    const undo = (fault.undo ?? {}) as Undo;
    switch (fault.name) {
      case 'access-denied-push': case 'access-denied-pull': case 'access-denied-login': {
        const learner = iam.user(LEARNER);
        if (!learner) return;
        const restored = { ...learner, ...undoPolicyDelta(learner, undo as unknown as PolicyDelta) };
        await iam.update((s) => ({ ...s, users: { ...s.users, [LEARNER]: restored } }));
        return;
      }
      case 'credentials-invalid': case 'signature-mismatch': {
        // Only the field this fault changed goes back, and only if nobody changed it since.
        const key = iam.key(String(undo.key));
        if (!key) return;
        const restored = fault.name === 'credentials-invalid'
          ? { ...key, status: 'Active' as const }
          : { ...key, secret: key.secret === undo.planted ? String(undo.secret) : key.secret };
        await iam.update((s) => ({ ...s, keys: { ...s.keys, [key.id]: restored } }));
        return;
      }
      case 'repository-policy-deny': {
        const record = store.getRepository(fault.repository);
        if (!record) return;
        const current = withoutDeny(record.repositoryPolicy);
        const policy = typeof undo.policy === 'string' && current === undefined ? undo.policy : current;
        const { repositoryPolicy: _drop, ...rest } = record;
        await store.putRepository(policy === undefined ? rest : { ...rest, repositoryPolicy: policy });
        return;
      }
      case 'tag-immutable': {
        const record = store.getRepository(fault.repository);
        if (record) await store.putRepository({ ...record, imageTagMutability: undo.mutability as 'MUTABLE' });
        return;
      }
      case 'manifest-unknown': return this.retag(fault, String(undo.digest));
      default:
    }
  }

  /** Puts a tag back on the image it was taken from, unless something else holds it now. */
  private async retag(fault: ActiveFault, digest: string): Promise<void> {
    const { store, clock } = this.ctx;
    const image = store.getImage(fault.repository, digest);
    if (!image || store.resolveTag(fault.repository, fault.tag) !== undefined) return;
    const bytes = await store.readManifest(fault.repository, digest);
    if (bytes) await store.putManifest(fault.repository, bytes, image.manifestMediaType, fault.tag, clock.now() / 1000);
  }
}
