// Repository policies: Set/Get/DeleteRepositoryPolicy. Stored re-formatted the way ECR
// returns them (Jackson's pretty printer: `"Key" : value`, arrays as `[ … ]`).
import { existingRepository, namedRepositoryArn, type Operation, type RepoRef } from '../call.js';
import { invalidParameter, repositoryPolicyNotFound } from '../errors.js';
import { checkLength, optionalBoolean, requiredString } from '../validate.js';
import { iamPolicy } from '../../iam/cloud-copilot.js';

/** Formats JSON like Jackson's DefaultPrettyPrinter, which ECR's answers show. */
export function jacksonFormat(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.length ? `[ ${value.map((v) => jacksonFormat(v, indent)).join(', ')} ]` : '[ ]';
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (!entries.length) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${jacksonFormat(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A Principal or Action that names something: `*`, a non-empty string, list, or map of those. */
function named(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0 && value.every(named);
  if (typeof value === 'object' && value !== null) return Object.values(value).length > 0 && Object.values(value).every(named);
  return false;
}

/**
 * A repository policy ECR would accept: JSON, a known Version, statements that name a principal
 * and an action, and nothing the IAM policy grammar (@cloud-copilot/iam-policy) refuses, so that
 * a stored policy can always be evaluated. The registry policy is checked the same way, with its
 * own text in the refusal ("Invalid registry policy provided").
 */
export async function checkedPolicy(text: string, refusal = 'Invalid repository policy provided'): Promise<string> {
  checkLength('policyText', text, 0, 10240);
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    policy = undefined;
  }
  const statement = (policy as { Statement?: unknown } | undefined)?.Statement;
  const version = (policy as { Version?: unknown } | undefined)?.Version;
  const statementOk = Array.isArray(statement) ? statement.length > 0 : typeof statement === 'object' && statement !== null;
  const statements = (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
  const complete = statements.every((s) => s && typeof s === 'object'
    && (named(s.Principal) || named(s.NotPrincipal)) && (named(s.Action) || named(s.NotAction)));
  if (!statementOk || !complete || (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17')) {
    throw invalidParameter('PolicyText', refusal);
  }
  const { validateResourcePolicy } = iamPolicy();
  if (validateResourcePolicy(policy).length > 0) throw invalidParameter('PolicyText', refusal);
  return jacksonFormat(policy);
}

function storedPolicy(repo: RepoRef): string {
  const policy = repo.record.repositoryPolicy;
  if (policy === undefined) throw repositoryPolicyNotFound(repo.name, repo.registryId);
  return policy;
}

export const SetRepositoryPolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    optionalBoolean(call.input, 'force');
    const policyText = await checkedPolicy(requiredString(call.input, 'policyText'));
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, repositoryPolicy: policyText }));
    return { registryId: repo.registryId, repositoryName: repo.name, policyText };
  },
};

export const GetRepositoryPolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    return { registryId: repo.registryId, repositoryName: repo.name, policyText: storedPolicy(repo) };
  },
};

export const DeleteRepositoryPolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const policyText = storedPolicy(repo);
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, repositoryPolicy: undefined }));
    return { registryId: repo.registryId, repositoryName: repo.name, policyText };
  },
};
