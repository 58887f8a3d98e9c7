// The policy changes the access faults make: the learner's ECR permissions swapped for a
// narrower set (the IAM grants stay, so the learner can repair them with `aws iam`), and a
// repository policy statement that denies pushing.
import type { UserRecord } from '../iam/types.js';

const READ_ONLY = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly';
const POWER_USER = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser';

const READ = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:DescribeRepositories', 'ecr:ListImages',
  'ecr:DescribeImages', 'ecr:GetRepositoryPolicy', 'ecr:GetLifecyclePolicy', 'ecr:ListTagsForResource', 'ecr:DescribeImageScanFindings'];
const PUSH = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/** Whether a policy grants anything in ECR (so a swap takes it away). */
function grantsEcr(document: string): boolean {
  return /"(ecr:|\*")/.test(document);
}

function inlinePolicy(actions: readonly string[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
}

function swap(user: UserRecord, attach: readonly string[], inline: Readonly<Record<string, string>>): Pick<UserRecord, 'attached' | 'inline'> {
  const keptAttached = user.attached.filter((arn) => !/AmazonEC2ContainerRegistry|AdministratorAccess|PowerUserAccess/.test(arn));
  const keptInline = Object.fromEntries(Object.entries(user.inline).filter(([, doc]) => !grantsEcr(doc) || doc.includes('sts:AssumeRole') && !doc.includes('ecr:')));
  return { attached: [...keptAttached, ...attach], inline: { ...keptInline, ...inline } };
}

/** For each access fault: the learner's new attachments and inline policies. */
export const ECR_POLICY_SWAPS: Readonly<Record<string, (u: UserRecord) => Pick<UserRecord, 'attached' | 'inline'>>> = {
  'access-denied-push': (u) => swap(u, [READ_ONLY], {}),
  'access-denied-pull': (u) => swap(u, [], { 'ecr-push-no-pull': inlinePolicy([...READ, ...PUSH]) }),
  'access-denied-login': (u) => swap(u, [], { 'ecr-no-login': inlinePolicy([...READ.slice(1), ...PUSH, ...PULL]) }),
};

export const FAULT_DENY_SID = 'EcrLabFaultDenyPush';

interface PolicyDoc { Version?: string; Statement?: unknown }

function statements(text: string | undefined): Record<string, unknown>[] {
  if (!text) return [];
  try {
    const doc = JSON.parse(text) as PolicyDoc;
    return Array.isArray(doc.Statement) ? doc.Statement as Record<string, unknown>[] : doc.Statement ? [doc.Statement as Record<string, unknown>] : [];
  } catch {
    return [];
  }
}

/** The repository policy with a statement that denies everyone the push actions. */
export function policyWithDeny(current: string | undefined): string {
  const deny = { Sid: FAULT_DENY_SID, Effect: 'Deny', Principal: '*', Action: ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] };
  return JSON.stringify({ Version: '2012-10-17', Statement: [...statements(current), deny] }, null, 2);
}

/** The policy without the fault's statement; undefined when nothing else is left. */
export function withoutDeny(current: string | undefined): string | undefined {
  const rest = statements(current).filter((s) => s.Sid !== FAULT_DENY_SID);
  return rest.length ? JSON.stringify({ Version: '2012-10-17', Statement: rest }, null, 2) : undefined;
}

export { POWER_USER };

/** What a policy swap took away from a user and what it added. */
export interface PolicyDelta {
  readonly removedAttached: readonly string[];
  readonly addedAttached: readonly string[];
  readonly removedInline: Readonly<Record<string, string>>;
  readonly addedInline: Readonly<Record<string, string>>;
}

/** The difference between a user's policies before and after a swap. */
export function policyDelta(before: UserRecord, after: UserRecord): PolicyDelta {
  const pick = (from: UserRecord, other: UserRecord) => Object.fromEntries(Object.entries(from.inline).filter(([k, v]) => other.inline[k] !== v));
  return {
    removedAttached: before.attached.filter((a) => !after.attached.includes(a)),
    addedAttached: after.attached.filter((a) => !before.attached.includes(a)),
    removedInline: pick(before, after),
    addedInline: pick(after, before),
  };
}

/**
 * Undoes a swap on the user as it is now: what the swap added goes, what it took comes back,
 * and everything the learner attached or wrote in between stays.
 */
export function undoPolicyDelta(now: UserRecord, delta: PolicyDelta): Pick<UserRecord, 'attached' | 'inline'> {
  const attached = now.attached.filter((a) => !delta.addedAttached.includes(a));
  for (const a of delta.removedAttached) if (!attached.includes(a)) attached.push(a);
  const inline = Object.fromEntries(Object.entries(now.inline).filter(([k, v]) => delta.addedInline[k] !== v));
  for (const [k, v] of Object.entries(delta.removedInline)) inline[k] ??= v;
  return { attached, inline };
}
