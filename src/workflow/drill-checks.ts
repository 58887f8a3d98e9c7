// Reads the state that proves a drill's fix: the local ECR's repositories, IAM and tokens,
// and the client's logins and local images. Never the text a command printed.
import type { FaultCheck } from '../core/faults.js';
import { authorizeCall, lookupCredential } from '../local-ecr/access.js';
import type { EcrContext } from '../local-ecr/context.js';
import { repositoryArn } from '../local-ecr/iam/arn.js';
import type { Caller } from '../local-ecr/iam/types.js';
import { readAuth } from './auth-entries.js';
import type { ImageEngine } from './ports.js';

export interface CheckDeps {
  readonly ctx: EcrContext;
  /** The engine as the learner's steps see it (faults applied). */
  readonly engine: ImageEngine;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** The drill's faults, for `fault-off` checks. */
  readonly faultNames: readonly string[];
}

function userCaller(ctx: EcrContext, name: string): Caller | undefined {
  const user = ctx.iam.user(name);
  if (!user) return undefined;
  return { kind: 'user', accessKeyId: '', secretAccessKey: '', arn: ctx.iam.userArn(user.name, user.path), userId: user.id, account: ctx.config.account, entity: user.name };
}

function resourceFor(deps: CheckDeps, action: string): string {
  const { region, account } = deps.ctx.config;
  if (action === 'ecr:GetAuthorizationToken') return '*';
  if (action.startsWith('iam:')) return `arn:aws:iam::${account}:user/*`;
  return repositoryArn(region, account, deps.repository);
}

/** The actions of `actions` the user may not do (empty: all allowed). */
async function refused(deps: CheckDeps, user: string, actions: readonly string[]): Promise<string[]> {
  const caller = userCaller(deps.ctx, user);
  if (!caller) return [...actions];
  const out: string[] = [];
  for (const action of actions) if (await authorizeCall(deps.ctx, caller, action, resourceFor(deps, action))) out.push(action);
  return out;
}

/** Whether docker (or the built-in engine) holds a registry token that works now. */
async function loginProblem(deps: CheckDeps): Promise<string | undefined> {
  const auth = await readAuth(deps.engine.authFile(), deps.registry);
  if (!auth) return `docker holds no login for ${deps.registry}`;
  const [user, ...rest] = Buffer.from(auth, 'base64').toString('utf8').split(':');
  const { ctx } = deps;
  const check = ctx.tokens.check(rest.join(':'), ctx.config.region, ctx.config.account, ctx.clock.now());
  if (user !== 'AWS' || !check.ok) return `the login docker holds for ${deps.registry} is ${check.ok ? 'not an ECR token' : check.reason}`;
  const found = lookupCredential(ctx, check.accessKeyId);
  return found.status === 'ok' || found.status === 'expired' ? undefined : 'the login belongs to a key that no longer works';
}

/** One line per check that does not pass yet (empty: the fix is proven). */
export async function failedChecks(checks: readonly FaultCheck[], deps: CheckDeps): Promise<string[]> {
  const { ctx } = deps;
  const failures: string[] = [];
  for (const check of checks) {
    switch (check.kind) {
      case 'repository-exists':
        if (!ctx.store.getRepository(deps.repository)) failures.push(`the repository ${deps.repository} does not exist`);
        break;
      case 'allowed': {
        const missing = await refused(deps, check.user ?? 'learner', check.actions);
        if (missing.length) failures.push(`${check.user ?? 'learner'} may still not do ${missing.join(', ')}`);
        break;
      }
      case 'least-privilege': {
        if (!ctx.iam.user(check.user)) {
          failures.push(`there is no IAM user ${check.user}`);
          break;
        }
        const missing = await refused(deps, check.user, check.allow);
        if (missing.length) failures.push(`${check.user} may not do ${missing.join(', ')}`);
        const denied = await refused(deps, check.user, check.deny);
        const tooMuch = check.deny.filter((a) => !denied.includes(a));
        if (tooMuch.length) failures.push(`${check.user} may do more than it needs: ${tooMuch.join(', ')}`);
        const elsewhere = { ...deps, repository: `${deps.repository}-other-team` };
        const refusedElsewhere = await refused(elsewhere, check.user, check.denyElsewhere ?? []);
        const leaks = (check.denyElsewhere ?? []).filter((a) => !refusedElsewhere.includes(a));
        if (leaks.length) failures.push(`${check.user} may also do ${leaks.join(', ')} on other repositories: scope the Resource to ${deps.repository}`);
        break;
      }
      case 'login-valid': {
        const problem = await loginProblem(deps);
        if (problem) failures.push(problem);
        break;
      }
      case 'credentials-valid': {
        const key = Object.values(ctx.iam.snapshot.keys).find((k) => k.user === 'learner' && k.status === 'Active');
        if (!key || lookupCredential(ctx, key.id).status !== 'ok') failures.push("the learner's access key still does not work");
        break;
      }
      case 'tag-pushable': {
        // Fixed when the repository is mutable again, or a tag it did not have before was pushed.
        const repo = ctx.store.getRepository(deps.repository);
        const before = ((ctx.faults.get('tag-immutable')?.undo ?? {}) as { tags?: string[] }).tags ?? [];
        const hasNewTag = ctx.store.listImages(deps.repository).some((i) => i.tags.some((t) => !before.includes(t)));
        if (repo?.imageTagMutability === 'IMMUTABLE' && !hasNewTag) failures.push(`no image was pushed under a new tag, and ${deps.repository} is still IMMUTABLE`);
        break;
      }
      case 'tag-exists':
        if (!ctx.store.resolveTag(deps.repository, deps.tag)) failures.push(`${deps.repository} has no image tagged ${deps.tag}`);
        break;
      case 'image-tagged-locally':
        if (!(await deps.engine.inspect(`${deps.registry}/${deps.repository}:${deps.tag}`))) failures.push(`there is no local image ${deps.registry}/${deps.repository}:${deps.tag}`);
        break;
      case 'docker-reachable':
        if (ctx.faults.isOn('docker-daemon-down')) failures.push('the docker daemon is still down');
        break;
      case 'fault-off':
        if (deps.faultNames.some((n) => ctx.faults.isOn(n))) failures.push(`still on: ${deps.faultNames.filter((n) => ctx.faults.isOn(n)).join(', ')}`);
        break;
    }
  }
  return failures;
}
