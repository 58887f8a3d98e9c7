// Simulated IAM: whether an identity may perform an ecr action, and the texts AWS uses when not.
import type { Identity } from './config.js';

function matches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return action.startsWith(pattern.slice(0, -1));
  return pattern === action;
}

/** The resource ARN of a repository. */
export function repositoryArn(region: string, account: string, name: string): string {
  return `arn:aws:ecr:${region}:${account}:repository/${name}`;
}

/**
 * Checks `action` (e.g. `ecr:PutImage`) on `resource` (a repository ARN, or `*`).
 * Returns undefined when allowed, else AWS's denial text, used both for the JSON API's
 * AccessDeniedException and the registry's DENIED error.
 */
export function authorize(identity: Identity, action: string, resource: string): string | undefined {
  if (identity.deny?.some((p) => matches(p, action))) {
    return `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny`;
  }
  if (identity.allow.some((p) => matches(p, action))) return undefined;
  return `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}
