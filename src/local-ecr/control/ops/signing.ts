// Managed signing (Put/Get/DeleteSigningConfiguration, DescribeImageSigningStatus) and the
// control-plane view of OCI referrers (ListImageReferrers). AWS Signer cannot be reached
// offline: the configuration is kept and matched as ECR does, but no signature is ever made here;
// an image counts as signed when a Notation or cosign signature was pushed as its referrer.
import { hasSignature, listReferrers } from '../../referrers.js';
import type { ImageRecord } from '../../store/types.js';
import { existingRepository, namedRepositoryArn, requestedImage, type Call, type Operation } from '../call.js';
import { EcrError } from '../errors.js';
import { paginate } from '../paginate.js';
import {
  checkLength, enumValue, imageDigest, maxResults, optionalObject, optionalString, requiredString,
  type Input,
} from '../validate.js';
import { validateSigningConfiguration, type SigningRule } from './signing-config.js';

/** The `signing` section of registry.json. */
interface SigningState {
  readonly rules: readonly SigningRule[];
  /** Epoch seconds: images pushed before this were never matched against these rules. */
  readonly configuredAt: number;
}

const SECTION = 'signing';

/** UNVERIFIED: ECR's text for a registry without a signing configuration is not published. */
function notFound(registry: string): EcrError {
  return new EcrError('SigningConfigurationNotFoundException',
    `The signing configuration for the registry with id '${registry}' does not exist.`);
}

/** The stored configuration (the requests name no registry: it is always the caller's). */
function stored(call: Call): SigningState {
  const state = call.ctx.registry.get<SigningState>(SECTION);
  if (!state) throw notFound(call.ctx.config.account);
  return state;
}

const PutSigningConfiguration: Operation = {
  resource: () => '*',
  async run(call) {
    const rules = validateSigningConfiguration(call.input);
    const state: SigningState = { rules, configuredAt: call.now };
    await call.ctx.registry.update<SigningState>(SECTION, () => state);
    return { signingConfiguration: { rules } };
  },
};

const GetSigningConfiguration: Operation = {
  resource: () => '*',
  async run(call) {
    return { registryId: call.ctx.config.account, signingConfiguration: { rules: stored(call).rules } };
  },
};

const DeleteSigningConfiguration: Operation = {
  resource: () => '*',
  async run(call) {
    const { rules } = stored(call);
    await call.ctx.registry.update<SigningState>(SECTION, () => undefined);
    return { registryId: call.ctx.config.account, signingConfiguration: { rules } };
  },
};

/** `*` matches any run of characters; the rest literally (SigningRepositoryFilter, WILDCARD_MATCH). */
function wildcardMatches(filter: string, name: string): boolean {
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/** The distinct signing profiles whose rules match `repository` (a rule without filters matches all). */
function matchingProfiles(rules: readonly SigningRule[], repository: string): string[] {
  const arns = rules
    .filter((r) => !r.repositoryFilters || r.repositoryFilters.some((f) => wildcardMatches(f.filter, repository)))
    .map((r) => r.signingProfileArn);
  return [...new Set(arns)];
}

/** The status ECR would report for one profile; only a pushed signature can make it COMPLETE here. */
function profileStatus(arn: string, isSigned: boolean): Record<string, string> {
  if (isSigned) return { signingProfileArn: arn, status: 'COMPLETE' };
  return {
    signingProfileArn: arn, status: 'FAILED',
    // UNVERIFIED code; the reason is the local ECR's own, so the learner knows it is simulated.
    failureCode: 'SIGNER_UNAVAILABLE',
    failureReason: 'simulated by ecr-lab: AWS Signer cannot be reached from the local ECR, so no signature was generated on push. '
      + 'Push a Notation or cosign signature for this digest (a referrer) and the status becomes COMPLETE.',
  };
}

const DescribeImageSigningStatus: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const { id, image } = requestedImage(call, repo);
    const state = call.ctx.registry.get<SigningState>(SECTION);
    const imageIdOut = { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) };
    return {
      repositoryName: repo.name, imageId: imageIdOut, registryId: repo.registryId,
      signingStatuses: await statusesFor(call, repo.name, image, state),
    };
  },
};

async function statusesFor(call: Call, repository: string, image: ImageRecord, state: SigningState | undefined): Promise<Record<string, string>[]> {
  // Signatures and other referrers are not signed themselves (UNVERIFIED, but they are artifacts, not images).
  if (!state || image.subject !== undefined) return [];
  const isSigned = await hasSignature(call.ctx.store, repository, image.digest);
  // An image pushed before the configuration was never matched against it, unless signed since.
  // Whole seconds: registry pushes record whole seconds, API pushes fractions.
  if (Math.floor(image.pushedAt) < Math.floor(state.configuredAt) && !isSigned) return [];
  return matchingProfiles(state.rules, repository).map((arn) => profileStatus(arn, isSigned));
}

const ARTIFACT_STATUS = ['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY'] as const;

function referrerFilter(input: Input): { artifactTypes?: string[]; status: (typeof ARTIFACT_STATUS)[number] } {
  const filter = optionalObject(input, 'filter') ?? {};
  const raw = filter.artifactTypes;
  let artifactTypes: string[] | undefined;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw)) throw new EcrError('SerializationException', "Unexpected value type for 'artifactTypes'");
    checkLength('filter.artifactTypes', raw, 0, 5);
    artifactTypes = raw.map((t, i) => {
      const member = `filter.artifactTypes.${i + 1}.member`;
      if (typeof t !== 'string') throw new EcrError('SerializationException', `Unexpected value type for '${member}'`);
      checkLength(member, t, 1, 255);
      return t;
    });
  }
  return { artifactTypes, status: enumValue(filter, 'artifactStatus', ARTIFACT_STATUS) ?? 'ACTIVE' };
}

/**
 * IAM knows no ecr:ListImageReferrers action (so `ecr:*` does not cover it): the model says "The
 * IAM principal invoking this operation must have the ecr:BatchGetImage permission". `iamAction`
 * names it for the dispatcher (control/ecr.ts), which must authorise it instead of ecr:<name>.
 */
const ListImageReferrers: Operation & { readonly iamAction: string } = {
  iamAction: 'ecr:BatchGetImage',
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const subjectInput = optionalObject(call.input, 'subjectId');
    if (!subjectInput) throw new EcrError('InvalidParameterException', "Invalid parameter at 'subjectId' failed to satisfy constraint: 'Member must not be null'");
    const subject = imageDigest(requiredString(subjectInput, 'imageDigest'), 'subjectId.imageDigest');
    const { artifactTypes, status } = referrerFilter(call.input);
    const max = maxResults(call.input, 50);
    const nextToken = optionalString(call.input, 'nextToken');
    const all = (await listReferrers(call.ctx.store, repo.name, subject, artifactTypes))
      .map((r) => ({ ...r, artifactStatus: r.image.imageStatus ?? 'ACTIVE' }))
      .filter((r) => status === 'ANY' || r.artifactStatus === status);
    const page = paginate(all, nextToken, max);
    return {
      referrers: page.items.map(({ image: _image, ...descriptor }) => descriptor),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

export const SIGNING_OPERATIONS: Readonly<Record<string, Operation>> = {
  PutSigningConfiguration, GetSigningConfiguration, DeleteSigningConfiguration, DescribeImageSigningStatus, ListImageReferrers,
};
