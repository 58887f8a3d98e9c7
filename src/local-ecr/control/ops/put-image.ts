// PutImage: stores a manifest sent over the API (re-tagging with `aws ecr put-image`).
import { createHash } from 'node:crypto';
import { existingRepository, namedRepositoryArn, type Operation } from '../call.js';
import { EcrError } from '../errors.js';
import { replicateAfterPush } from '../../replication/index.js';
import { manifestMediaType, manifestRefusal } from './put-image-checks.js';
import { checkLength, imageDigest, imageTag, optionalString, requiredString } from '../validate.js';

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
    // ImageAlreadyExists and the immutable-tag rule are checked by the store in the same atomic
    // step as the change (manifestRefusal words them), so concurrent calls cannot both win.
    const result = await store.putManifest(repo.name, bytes, mediaType, tag, call.now, { refuseExisting: true, keepImmutableTags: true });
    if ('problem' in result) throw manifestRefusal(result.problem, repo, { digest, tag });
    await replicateAfterPush(call.ctx, repo.name, digest, tag);
    return {
      image: {
        registryId: repo.registryId, repositoryName: repo.name,
        imageId: { imageDigest: digest, ...(tag !== undefined ? { imageTag: tag } : {}) },
        imageManifest: text, imageManifestMediaType: mediaType,
      },
    };
  },
};
