// Checks a policy document the way IAM does before storing it, and words the first problem as
// IAM does (MalformedPolicyDocument). Structure checks come from @cloud-copilot/iam-policy; the
// order of precedence and the texts follow moto's IAM validator, whose cases mirror AWS.
import type { ValidationError } from '@cloud-copilot/iam-policy';
import { iamPolicy } from '../../iam/cloud-copilot.js';
import { malformedPolicy } from './errors.js';

const SYNTAX = 'Syntax errors in policy.';

/** A problem and how early IAM reports it (lower first). */
interface Problem { readonly rank: number; readonly message: string }

/** The library's finding in IAM's words, ranked; Effect is left to `ownProblems`, which tells case from nonsense. */
function classify(e: ValidationError, isTrust: boolean): Problem[] {
  const m = e.message;
  if (m.startsWith('Effect must be')) return [];
  return [classifyOne(m, isTrust)];
}

function classifyOne(m: string, isTrust: boolean): Problem {
  if (m.startsWith('Principal is not allowed')) return { rank: 1, message: 'Policy document should not specify a principal.' };
  if (m.startsWith('One of Action')) return { rank: 4, message: 'Policy statement must contain actions.' };
  if (m.startsWith('One of Resource')) return { rank: 5, message: 'Policy statement must contain resources.' };
  if (m.startsWith('One of Principal')) return { rank: 5, message: 'Missing required field Principal.' };
  if (m.startsWith('Resource is not allowed') && isTrust) return { rank: 6, message: 'Has prohibited field Resource.' };
  if (m.startsWith('Action must be a wildcard')) return { rank: 8, message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.' };
  return { rank: 0, message: SYNTAX };
}

type Statement = Record<string, unknown>;

function statementsOf(doc: Record<string, unknown>): Statement[] {
  const s = doc.Statement;
  return (Array.isArray(s) ? s : [s]).filter((x): x is Statement => typeof x === 'object' && x !== null);
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** What the library leaves to IAM itself: version, empty lists, duplicate Sids, resource and action formats. */
function ownProblems(doc: Record<string, unknown>, isTrust: boolean): Problem[] {
  const found: Problem[] = [];
  // Trust policies may still say 2008-10-17 (AWS's own older examples do); identity policies may not.
  if (!isTrust && doc.Version !== '2012-10-17') found.push({ rank: 1, message: 'Policy document must be version 2012-10-17 or greater.' });
  const sids = new Set<unknown>();
  for (const s of statementsOf(doc)) {
    const effect = typeof s.Effect === 'string' ? s.Effect : '';
    if (!['allow', 'deny'].includes(effect.toLowerCase())) found.push({ rank: 0, message: SYNTAX });
    else if (effect !== 'Allow' && effect !== 'Deny') found.push({ rank: 2, message: 'The policy failed legacy parsing' });
    if (s.Sid !== undefined && s.Sid !== '' && sids.has(s.Sid)) found.push({ rank: 3, message: 'Statement IDs (SID) in a single policy must be unique.' });
    sids.add(s.Sid);
    const actions = asList(s.Action ?? s.NotAction);
    if ((s.Action ?? s.NotAction) !== undefined && actions.length === 0) found.push({ rank: 4, message: 'Policy statement must contain actions.' });
    if (!isTrust && (s.Resource ?? s.NotResource) !== undefined && asList(s.Resource ?? s.NotResource).length === 0) {
      found.push({ rank: 5, message: 'Policy statement must contain resources.' });
    }
    for (const r of asList(s.Resource ?? s.NotResource)) {
      if (!isTrust && typeof r === 'string' && r !== '*' && !r.includes(':')) found.push({ rank: 7, message: `Resource ${r} must be in ARN format or "*".` });
    }
    for (const a of actions) {
      if (typeof a === 'string' && a.split(':').length > 2) found.push({ rank: 8, message: 'Actions/Condition can contain only one colon.' });
      if (isTrust && typeof a === 'string' && !/^sts:/i.test(a) && a !== '*') {
        found.push({ rank: 6, message: 'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity' });
      }
    }
  }
  return found;
}

/** The document's size as IAM counts it: without insignificant whitespace. */
export function policySize(document: string): number {
  return JSON.stringify(JSON.parse(document)).length;
}

/** Throws MalformedPolicyDocument for an identity (`identity`) or trust (`trust`) policy IAM would refuse. */
export function checkPolicyDocument(text: string, kind: 'identity' | 'trust'): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformedPolicy(SYNTAX);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformedPolicy(SYNTAX);
  const isTrust = kind === 'trust';
  const { validateIdentityPolicy, validateTrustPolicy } = iamPolicy();
  const library = (isTrust ? validateTrustPolicy(doc) : validateIdentityPolicy(doc)).flatMap((e) => classify(e, isTrust));
  const problems = [...library, ...ownProblems(doc as Record<string, unknown>, isTrust)];
  if (statementsOf(doc as Record<string, unknown>).length === 0) problems.push({ rank: 0, message: SYNTAX });
  const first = problems.sort((a, b) => a.rank - b.rank)[0];
  if (first) throw malformedPolicy(first.message);
}
