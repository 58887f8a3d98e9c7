// STS AssumeRole: the role's trust policy is evaluated as the resource policy together with
// the caller's identity policies (iam-simulate requires an explicit trust of the caller or its
// account, as AWS does), and a session on the local clock is issued.
import type { EcrContext } from '../../context.js';
import { evaluate } from '../../iam/evaluate.js';
import type { Caller, RoleRecord } from '../../iam/types.js';
import { accessDenied, validationError } from './errors.js';
import { NAME_PATTERN, type QueryInput } from './query.js';
import type { XmlObject } from './xml.js';

/** The longest session a role session may start (role chaining), in seconds. */
const CHAINED_MAX_S = 3600;

/** The role an ARN names in this account, when it exists with that very ARN (path included). */
function roleNamed(ctx: EcrContext, roleArn: string): RoleRecord | undefined {
  const m = new RegExp(`^arn:aws:iam::${ctx.config.account}:role/(?:.*/)?([^/]+)$`).exec(roleArn);
  const role = m ? ctx.iam.role(m[1]) : undefined;
  return role && ctx.iam.roleArn(role.name, role.path) === roleArn ? role : undefined;
}

/** Whether the trust policy and the caller's policies together let the caller assume the role. */
async function mayAssume(ctx: EcrContext, caller: Caller, role: RoleRecord, roleArn: string): Promise<boolean> {
  const refusal = await evaluate({
    caller, action: 'sts:AssumeRole', resource: roleArn,
    identityPolicies: ctx.iam.policiesOf(caller), resourcePolicy: role.trust, nowMs: ctx.clock.now(),
  });
  return refusal === undefined;
}

/** Reads the parameters, authorises, and returns AssumeRoleResult; throws STS's errors. */
export async function assumeRole(ctx: EcrContext, caller: Caller, input: QueryInput): Promise<XmlObject> {
  const roleArn = input.text('RoleArn', input.required('RoleArn'), 20, 2048);
  const sessionName = input.text('RoleSessionName', input.required('RoleSessionName'), 2, 64, NAME_PATTERN);
  const duration = input.integer('DurationSeconds', 900, 43200) ?? 3600;
  // Session policies would narrow the session; answering without them would grant more than asked.
  if (input.has('Policy') || input.has('PolicyArns')) throw validationError('The local ECR does not support session policies (Policy, PolicyArns).');
  const role = roleNamed(ctx, roleArn);
  // A missing role is refused like an untrusting one, so that AssumeRole does not reveal which roles exist.
  if (!role || !(await mayAssume(ctx, caller, role, roleArn))) {
    throw accessDenied(`User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  if (duration > role.maxSessionDuration) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  if (caller.kind === 'assumed-role' && duration > CHAINED_MAX_S) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  const session = await ctx.iam.createSession(role.name, sessionName, ctx.clock.now(), duration);
  return {
    Credentials: {
      AccessKeyId: session.id, SecretAccessKey: session.secret, SessionToken: session.token, Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${sessionName}`, Arn: `arn:aws:sts::${ctx.config.account}:assumed-role/${role.name}/${sessionName}`,
    },
  };
}
