// Authorises one request the way IAM does, with a maintained evaluator: @cloud-copilot/iam-simulate
// evaluates the caller's identity policies with the resource's policies (explicit deny wins), and
// this module turns its answer into AWS's own denial text. The simulator runs on a worker
// thread of its own (simulator-thread.ts), started with the local ECR.
import type { AnswerCache } from './answer-cache.js';
import { simulatorThread } from './simulator-thread.js';
import type { AppliedPolicy } from './world.js';
import type { Caller } from './types.js';

// The answers kept from earlier runs (answer-cache.ts), when the local ECR was given a file for them.
let kept: AnswerCache | undefined;

/**
 * Starts the simulator's thread (the local ECR does so as it starts, before the first request),
 * unless `cache` has answers kept from an earlier run: the thread then starts at the first
 * question it has no answer for. Answers from now on are kept in `cache`.
 */
export function loadSimulator(cache?: AnswerCache): void {
  if (cache) kept = cache;
  if (!kept || kept.size === 0) simulatorThread();
}

/** The file the answers are kept in, once a cache was given (openTarget gives it before the local ECR starts). */
export function keptAnswersFile(): string | undefined {
  return kept?.file;
}

/** Forgets the answers of this process and the cache it keeps them in (tests: a process of their own). */
export function forgetAnswers(): void {
  answers.clear();
  kept = undefined;
}

export interface AuthorizeRequest {
  readonly caller: Caller;
  /** e.g. ecr:PutImage */
  readonly action: string;
  /** A resource ARN, or `*` for actions that take none (ecr:GetAuthorizationToken). */
  readonly resource: string;
  readonly identityPolicies: readonly AppliedPolicy[];
  /** The repository's (or role's trust) policy text, when it has one. */
  readonly resourcePolicy?: string;
  /** The ECR registry policy, when it governs this request: a second resource-based policy. */
  readonly registryPolicy?: string;
  /** Epoch ms on the local clock, for aws:CurrentTime. */
  readonly nowMs: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { Statement: [] };
  }
}

function context(req: AuthorizeRequest): Record<string, string> {
  const c = req.caller;
  return {
    'aws:PrincipalArn': c.kind === 'user' ? c.arn : c.arn.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, 'arn:aws:iam::$1:role/$2'),
    'aws:PrincipalAccount': c.account,
    'aws:PrincipalType': c.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:userid': c.userId,
    ...(c.kind === 'user' ? { 'aws:username': c.entity } : {}),
    'aws:CurrentTime': new Date(req.nowMs).toISOString(),
    'aws:EpochTime': String(Math.floor(req.nowMs / 1000)),
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '127.0.0.1',
  };
}

/** How a request was refused, in the terms AWS uses in its messages. */
export type Refusal = 'no-identity-allow' | 'no-resource-allow' | 'identity-deny' | 'resource-deny';

/** AWS's text for a refusal: `User: <arn> is not authorized to perform: <action> on resource: <arn> ...`. */
export function denialText(caller: Caller, action: string, resource: string, refusal: Refusal): string {
  const head = `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`;
  if (refusal === 'identity-deny') return `${head} with an explicit deny in an identity-based policy`;
  if (refusal === 'resource-deny') return `${head} with an explicit deny in a resource-based policy`;
  if (refusal === 'no-resource-allow') return `${head} because no resource-based policy allows the ${action} action`;
  return `${head} because no identity-based policy allows the ${action} action`;
}

// The simulator's answer is a function of its inputs, and one push asks the same question of
// every layer (~250 ms of CPU in `run all`, mostly matching the resource against the action's
// resource types): answers are remembered, keyed on everything the simulation reads. The time
// is part of the key only when a policy can read it (aws:CurrentTime, aws:EpochTime).
const answers = new Map<string, Promise<Refusal | undefined>>();
const MAX_ANSWERS = 2000;
const READS_TIME = /aws:(currenttime|epochtime)/i;

function answerKey(req: AuthorizeRequest, resourcePolicy: string | undefined): string {
  const documents = [...req.identityPolicies.map((p) => p.document), resourcePolicy ?? ''];
  const time = documents.some((d) => READS_TIME.test(d)) ? req.nowMs : 0;
  const c = req.caller;
  return JSON.stringify([c.kind, c.arn, c.userId, c.account, c.kind === 'user' ? c.entity : '', req.action, req.resource, req.identityPolicies, resourcePolicy ?? null, time]);
}

/** Evaluates the request with one resource-based policy (or none), once per distinct question. */
function evaluateWith(req: AuthorizeRequest, resourcePolicy: string | undefined): Promise<Refusal | undefined> {
  const key = answerKey(req, resourcePolicy);
  let answer = answers.get(key);
  if (!answer) {
    if (answers.size >= MAX_ANSWERS) answers.clear();
    const cache = kept;
    const earlier = cache?.get(key);
    answer = earlier === undefined ? simulate(req, resourcePolicy) : Promise.resolve(earlier ?? undefined);
    answers.set(key, answer);
    answer.then((refusal) => { if (earlier === undefined) cache?.set(key, refusal ?? null); }, () => answers.delete(key));
  }
  return answer;
}

async function simulate(req: AuthorizeRequest, resourcePolicy: string | undefined): Promise<Refusal | undefined> {
  const account = /^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(req.resource)?.[1] ?? req.caller.account;
  const result = await simulatorThread().run({
    request: {
      principal: req.caller.arn, action: req.action,
      resource: { resource: req.resource, accountId: account }, contextVariables: context(req),
    },
    identityPolicies: req.identityPolicies.map((p) => ({ name: p.name, policy: parse(p.document) })),
    serviceControlPolicies: [], resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: parse(resourcePolicy) } : {}),
  });
  if (result.resultType === 'error') return 'no-identity-allow';
  if (result.overallResult === 'Allowed') return undefined;
  if (result.overallResult === 'ExplicitlyDenied') {
    const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((r) => r.analysis);
    return analyses.some((a) => a.identityAnalysis?.result === 'ExplicitlyDenied') ? 'identity-deny' : 'resource-deny';
  }
  // Another account's resource: the identity may, but that account's policy does not let it.
  const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((r) => r.analysis);
  if (analyses.every((a) => a.identityAnalysis?.result === 'Allowed')) return 'no-resource-allow';
  return 'no-identity-allow';
}

// How refusals of the same request under different resource policies combine: an explicit deny
// anywhere wins, then an allow from any policy, as IAM unites the resource-based policies.
const PRECEDENCE: readonly (Refusal | undefined)[] = ['identity-deny', 'resource-deny', undefined, 'no-resource-allow', 'no-identity-allow'];

/**
 * Evaluates the request; undefined when allowed, else how it was refused. With both a repository
 * and a registry policy each is evaluated with the identity policies and the answers combined,
 * so that neither policy's statements change meaning by being merged into the other.
 */
export async function evaluate(req: AuthorizeRequest): Promise<Refusal | undefined> {
  const policies = [req.resourcePolicy, req.registryPolicy].filter((p): p is string => Boolean(p));
  if (policies.length < 2) return evaluateWith(req, policies[0]);
  const refusals = await Promise.all(policies.map((p) => evaluateWith(req, p)));
  return PRECEDENCE.find((r) => refusals.includes(r));
}

/** Authorises and words the refusal: undefined when allowed, else AWS's denial text. */
export async function authorize(req: AuthorizeRequest): Promise<string | undefined> {
  const refusal = await evaluate(req);
  return refusal && denialText(req.caller, req.action, req.resource, refusal);
}
