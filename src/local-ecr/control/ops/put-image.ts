// PutImage: stores a manifest sent over the API (re-tagging with `aws ecr put-image`).
import { isTagImmutable } from '../../mutability.js';
import { createHash } from 'node:crypto';
import { existingRepository, namedRepositoryArn, type Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { checkLength, imageDigest, imageTag, optionalString, requiredString } from '../validate.js';

const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

function manifestMediaType(text: string, given: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('ImageManifest', 'Invalid JSON syntax');
  }
  const own = (parsed as { mediaType?: unknown } | null)?.mediaType;
  return given ?? (typeof own === 'string' ? own : DOCKER_V2);
}

export const PutImage: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const text = requiredString(call.input, 'imageManifest');
    checkLength('imageManifest', text, 1, 4_194_304);
    const mediaType = manifestMediaType(text, optionalString(call.input, 'imageManifestMediaType'));
    const tagGiven = optionalString(call.input, 'imageTag');
    const tag = tagGiven === undefined ? undefined : imageTag(tagGiven);
    const bytes = Buffer.from(text, 'utf8');
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const digestGiven = optionalString(call.input, 'imageDigest');
    if (digestGiven !== undefined && imageDigest(digestGiven) !== digest) {
      throw new EcrError('ImageDigestDoesNotMatchException', `The specified image digest '${digestGiven}' does not match the digest '${digest}' calculated for the image manifest.`);
    }
    const store = call.ctx.store;
    const current = tag === undefined ? undefined : store.resolveTag(repo.name, tag);
    const existing = store.getImage(repo.name, digest);
    if (existing && (tag === undefined ? true : current === digest)) {
      throw new EcrError('ImageAlreadyExistsException',
        `Image with digest '${digest}' and tag '${tag ?? 'null'}' already exists in the repository with name '${repo.name}' in registry with id '${repo.registryId}'`);
    }
    if (tag !== undefined && current !== undefined && isTagImmutable(repo.record, tag)) {
      throw new EcrError('ImageTagAlreadyExistsException',
        `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`);
    }
    const result = await store.putManifest(repo.name, bytes, mediaType, tag, call.now);
    if ('problem' in result) {
      if (result.problem.code === 'MANIFEST_BLOB_UNKNOWN') {
        throw new EcrError('LayersNotFoundException',
          `Layers with digests '[${result.problem.digest}]' required for pushing image into repository with name '${repo.name}' in the registry with id '${repo.registryId}' do not exist`);
      }
      throw invalidParameter('ImageManifest', result.problem.message);
    }
    return {
      image: {
        registryId: repo.registryId, repositoryName: repo.name,
        imageId: { imageDigest: digest, ...(tag !== undefined ? { imageTag: tag } : {}) },
        imageManifest: text, imageManifestMediaType: mediaType,
      },
    };
  },
};
