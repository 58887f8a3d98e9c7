// Repository policies: Set/Get/DeleteRepositoryPolicy. Stored re-formatted the way ECR
// returns them (Jackson's pretty printer: `"Key" : value`, arrays as `[ … ]`).
import { existingRepository, namedRepositoryArn, type Operation, type RepoRef } from '../call.js';
import { invalidParameter, repositoryPolicyNotFound } from '../errors.js';
import { checkLength, requiredString } from '../validate.js';

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

/**
 * A repository policy ECR would accept: JSON, a known Version, statements that name a principal
 * and an action, and nothing the IAM policy grammar (@cloud-copilot/iam-policy) refuses, so that
 * a stored policy can always be evaluated.
 */
async function checkedPolicy(text: string): Promise<string> {
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
  const complete = statements.every((s) => s && typeof s === 'object' && ('Principal' in s || 'NotPrincipal' in s) && ('Action' in s || 'NotAction' in s));
  if (!statementOk || !complete || (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17')) {
    throw invalidParameter('PolicyText', 'Invalid repository policy provided');
  }
  const { validateResourcePolicy } = await import('@cloud-copilot/iam-policy');
  if (validateResourcePolicy(policy).length > 0) throw invalidParameter('PolicyText', 'Invalid repository policy provided');
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
    const policyText = await checkedPolicy(requiredString(call.input, 'policyText'));
    await call.ctx.store.putRepository({ ...repo.record, repositoryPolicy: policyText });
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
    await call.ctx.store.putRepository({ ...repo.record, repositoryPolicy: undefined });
    return { registryId: repo.registryId, repositoryName: repo.name, policyText };
  },
};
